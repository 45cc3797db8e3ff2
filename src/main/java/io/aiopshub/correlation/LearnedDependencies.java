package io.aiopshub.correlation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Dependencies the hub learned by itself (table {@code learned_dependencies}), so they survive restarts:
 * from alert labels ({@code peer_service}, {@code db}, {@code downstream} ...), from log lines naming
 * another known service or host, and how often two services were in one group (co-occurrence history).
 * Writes run outside the callers' transactions (autocommit): a concurrent insert of the same row by
 * another instance is simply counted once.
 */
@Component
public class LearnedDependencies {

    public static final String LABEL = "label";
    public static final String LOG = "log";
    /** Pairs recorded by this process; most sightings need no write. Bounded: cleared when it grows large. */
    private static final int MAX_REMEMBERED = 10_000;

    public record Dependency(String service, String dependsOn, String source) { }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Set<Dependency> recorded = new HashSet<>();

    public LearnedDependencies(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records dependencies not yet recorded by this process; returns how many were new to it. */
    public synchronized int record(Collection<Dependency> dependencies) {
        int added = 0;
        for (Dependency d : dependencies) {
            if (d.service().equals(d.dependsOn()) || d.service().isBlank() || d.dependsOn().isBlank()
                    || d.service().length() > TopologyLoader.MAX_NAME || d.dependsOn().length() > TopologyLoader.MAX_NAME
                    || recorded.contains(d)) {
                continue;
            }
            if (recorded.size() >= MAX_REMEMBERED) {
                recorded.clear();
            }
            upsert(d);
            recorded.add(d);
            added++;
        }
        return added;
    }

    private void upsert(Dependency d) {
        Timestamp now = Timestamp.from(clock.instant());
        String update = "update learned_dependencies set sightings = sightings + 1, last_seen_at = ? "
                + "where service = ? and depends_on = ? and source = ?";
        if (jdbc.update(update, now, d.service(), d.dependsOn(), d.source()) > 0) {
            return;
        }
        try {
            jdbc.update("insert into learned_dependencies (service, depends_on, source, sightings, first_seen_at, last_seen_at) "
                    + "values (?, ?, ?, 1, ?, ?)", d.service(), d.dependsOn(), d.source(), now, now);
        } catch (DataIntegrityViolationException raced) {
            jdbc.update(update, now, d.service(), d.dependsOn(), d.source());
        }
    }

    /** service → what it was seen to depend on, from every source. */
    public Map<String, Set<String>> all() {
        Map<String, Set<String>> result = new TreeMap<>();
        jdbc.query("select service, depends_on from learned_dependencies", rs -> {
            result.computeIfAbsent(rs.getString(1), s -> new TreeSet<>()).add(rs.getString(2));
        });
        return result;
    }

    /**
     * Counts one more group in which services were together: each pair of a service that just joined the
     * group with any service of it, once.
     */
    public void countTogether(Collection<String> joined, Collection<String> all) {
        Set<String> pairs = new TreeSet<>();
        for (String x : joined) {
            for (String y : all) {
                if (!x.isBlank() && !y.isBlank() && !x.equals(y)) {
                    pairs.add(pair(x, y));
                }
            }
        }
        Timestamp now = Timestamp.from(clock.instant());
        for (String p : pairs) {
            String a = p.substring(0, p.indexOf('|'));
            String b = p.substring(p.indexOf('|') + 1);
            String update = "update service_co_occurrences set groups_seen = groups_seen + 1, last_seen_at = ? "
                    + "where service_a = ? and service_b = ?";
            if (jdbc.update(update, now, a, b) == 0) {
                try {
                    jdbc.update("insert into service_co_occurrences (service_a, service_b, groups_seen, last_seen_at) "
                            + "values (?, ?, 1, ?)", a, b, now);
                } catch (DataIntegrityViolationException raced) {
                    jdbc.update(update, now, a, b);
                }
            }
        }
    }

    /** Pairs of services seen together in at least {@code threshold} groups, as "a|b" with a &lt; b. */
    public Set<String> coOccurring(int threshold) {
        return new HashSet<>(jdbc.query("select service_a, service_b from service_co_occurrences where groups_seen >= ?",
                (rs, i) -> pair(rs.getString(1), rs.getString(2)), threshold));
    }

    public static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
