package io.aiopshub.correlation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.store.LabelsConverter;

/** Loads {@link IncidentFacts}: the incidents a correlation pass looks at, or the members of one group. */
@Component
public class IncidentFactsLoader {

    private static final int CHUNK = 500;
    private static final String COLUMNS = "select id, title, severity, status, service, resolved_at, created_at, "
            + "correlation_group_id, correlation_stamp from incidents ";

    private final JdbcTemplate jdbc;
    private final CurrentTopology topology;

    public IncidentFactsLoader(JdbcTemplate jdbc, CurrentTopology topology) {
        this.jdbc = jdbc;
        this.topology = topology;
    }

    /**
     * Firing incidents, those resolved since {@code resolvedSince}, and every other member of their groups.
     * Bounded by {@code max}, newest first: a storm is correlated by its newest incidents.
     */
    public List<IncidentFacts> scope(Instant resolvedSince, int max) {
        List<Row> rows = jdbc.query(COLUMNS + "where status = 'firing' or resolved_at >= ? order by created_at desc "
                + "fetch first " + max + " rows only", (rs, i) -> row(rs), Timestamp.from(resolvedSince));
        Set<String> ids = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        rows.forEach(r -> {
            ids.add(r.id);
            if (r.groupId != null) {
                groups.add(r.groupId);
            }
        });
        List<Row> all = new ArrayList<>(rows);
        for (List<String> chunk : chunks(groups)) {
            jdbc.query(COLUMNS + "where correlation_group_id in (" + marks(chunk.size()) + ")", rs -> {
                Row r = row(rs);
                if (ids.add(r.id)) {
                    all.add(r);
                }
            }, chunk.toArray());
        }
        return facts(all);
    }

    /** The incident and the other members of its group; empty when it does not exist. */
    public List<IncidentFacts> groupOf(String incidentId) {
        List<Row> self = jdbc.query(COLUMNS + "where id = ?", (rs, i) -> row(rs), incidentId);
        if (self.isEmpty()) {
            return List.of();
        }
        String group = self.get(0).groupId;
        return facts(group == null ? self : jdbc.query(COLUMNS + "where correlation_group_id = ? order by created_at",
                (rs, i) -> row(rs), group));
    }

    private record Row(String id, String title, String severity, String status, String service, Instant resolvedAt,
                       Instant createdAt, String groupId, String stamp) { }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp resolved = rs.getTimestamp(6);
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                resolved == null ? null : resolved.toInstant(), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9));
    }

    private List<IncidentFacts> facts(List<Row> rows) {
        Map<String, List<IncidentFacts.Signal>> signals = new LinkedHashMap<>();
        List<String> ids = rows.stream().map(Row::id).toList();
        for (List<String> chunk : chunks(ids)) {
            jdbc.query("select incident_id, labels_json, annotations_json, starts_at from alerts where incident_id in ("
                    + marks(chunk.size()) + ") order by id", rs -> {
                        signals.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new IncidentFacts.Signal(
                                LabelsConverter.read(rs.getString(2)), LabelsConverter.read(rs.getString(3)),
                                rs.getTimestamp(4).toInstant()));
                    }, chunk.toArray());
        }
        Topology configured = topology.get();
        List<IncidentFacts> result = new ArrayList<>();
        for (Row r : rows) {
            List<IncidentFacts.Signal> alerts = signals.getOrDefault(r.id, List.of());
            String service = "";
            Set<String> hosts = new LinkedHashSet<>();
            Instant started = null;
            for (IncidentFacts.Signal s : alerts) {
                if (service.isEmpty()) {
                    service = SignalLabels.service(s.labels());
                }
                hosts.addAll(SignalLabels.hosts(s.labels()));
                if (started == null || s.startsAt().isBefore(started)) {
                    started = s.startsAt();
                }
            }
            if (started == null) {
                started = r.createdAt;
            }
            if (service.isEmpty()) {
                // A host-level alert (disk, memory) on a host that runs one configured service is about it.
                Set<String> on = new LinkedHashSet<>();
                hosts.forEach(h -> on.addAll(configured.servicesOn(h)));
                if (on.size() == 1) {
                    service = on.iterator().next();
                }
            }
            result.add(new IncidentFacts(r.id, r.title, r.severity, r.status, service, hosts, started, r.resolvedAt,
                    r.groupId, r.stamp, alerts));
        }
        return result;
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> list = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += CHUNK) {
            chunks.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
        }
        return chunks;
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
