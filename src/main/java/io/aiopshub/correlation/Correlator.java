package io.aiopshub.correlation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.incident.IncidentTimeline;
import io.aiopshub.ingest.Fingerprinter;
import io.aiopshub.rca.group.ChangeEvent;
import io.aiopshub.rca.group.RootCandidate;
import io.aiopshub.redact.Redactor;
import io.aiopshub.store.AlertInbox;

/**
 * Links related incidents into correlated groups, one pass at a time (run by the analysis loop before it
 * analyses). Two incidents are related when their active times come within the window of each other and
 * they have the same service, one depends on the other (configured or learned, a few hops), they share a
 * host, one's service depends on the other's host, or their services often failed together. Groups only
 * grow and merge; the root is ranked again whenever a member joins or the evidence changes. Each
 * incident's {@code correlation_stamp} moves when its group, role or evidence does, so the analysis loop
 * analyses it again.
 */
@Service
public class Correlator {

    public static final String TIMELINE_KIND = "correlation";
    private static final Logger LOG = LoggerFactory.getLogger(Correlator.class);
    /** Most incidents one pass looks at; the newest are taken. */
    private static final int MAX_SCOPE = 500;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    /** What one pass did. */
    public record Pass(int incidents, int groups, int joined) { }

    private final IncidentFactsLoader loader;
    private final LearnedDependencies learned;
    private final LogActivity activity;
    private final ChangeEvents changes;
    private final CurrentTopology topology;
    private final KnownNames knownNames;
    private final IncidentTimeline timeline;
    private final CorrelationProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AlertInbox inbox;
    private final ObjectMapper json;
    private final Redactor redactor;
    private final Clock clock;
    private Instant lastPrune = Instant.EPOCH;

    public Correlator(IncidentFactsLoader loader, LearnedDependencies learned, LogActivity activity, ChangeEvents changes,
                      CurrentTopology topology, KnownNames knownNames, IncidentTimeline timeline,
                      CorrelationProperties properties, JdbcTemplate jdbc, TransactionTemplate transaction,
                      ObjectMapper json, Redactor redactor, Clock clock, AlertInbox inbox) {
        this.inbox = inbox;
        this.loader = loader;
        this.learned = learned;
        this.activity = activity;
        this.changes = changes;
        this.topology = topology;
        this.knownNames = knownNames;
        this.timeline = timeline;
        this.properties = properties;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.redactor = redactor;
        this.clock = clock;
    }

    public synchronized Pass correlate() {
        if (!properties.isEnabled()) {
            return new Pass(0, 0, 0);
        }
        Instant now = clock.instant();
        prune(now);
        List<IncidentFacts> scope = loader.scope(now.minus(properties.getWindow()), MAX_SCOPE);
        if (scope.isEmpty()) {
            return new Pass(0, 0, 0);
        }
        learnFrom(scope);
        DependencyGraph graph = new DependencyGraph(topology.get(), learned.all());
        Set<String> coOccurring = learned.coOccurring(properties.getCoOccurrenceThreshold());
        List<List<IncidentFacts>> components = components(scope, graph, coOccurring, now);

        Instant from = scope.stream().map(IncidentFacts::startedAt).min(Comparator.naturalOrder()).orElse(now)
                .minus(properties.getEvidenceBefore());
        if (from.isBefore(now.minus(properties.getEvidenceLookback()))) {
            from = now.minus(properties.getEvidenceLookback());
        }
        Instant to = now.plus(properties.getEvidenceAfter());
        List<LogActivity.Window> logs = activity.between(from, to).stream().map(this::redacted).toList();
        List<ChangeEvent> changeList = changes.between(from, to);
        int groups = 0;
        int joined = 0;
        for (List<IncidentFacts> component : components) {
            try {
                int joinedNow = store(component, graph, logs, changeList, now);
                if (joinedNow >= 0) {
                    groups++;
                    joined += joinedNow;
                }
            } catch (RuntimeException e) {
                // One group that cannot be stored must not keep the others (and the analysis after) from running.
                LOG.warn("Correlating incidents {} failed (tried again on the next run): {}",
                        component.stream().map(IncidentFacts::id).limit(5).toList(), e.toString());
            }
        }
        return new Pass(scope.size(), groups, joined);
    }

    /** Stores one component: a group (returns how many joined it) or an incident alone (returns -1). */
    private int store(List<IncidentFacts> component, DependencyGraph graph, List<LogActivity.Window> logs,
                      List<ChangeEvent> changeList, Instant now) {
        GroupEvidence.Found found = GroupEvidence.find(GroupEvidence.scope(component, graph, now,
                properties.getEvidenceBefore(), properties.getEvidenceAfter(), properties.getEvidenceLookback()),
                logs, changeList, properties.getMaxLogEvidence(), properties.getMaxChanges());
        if (component.size() > 1 || component.get(0).groupId() != null) {
            return transaction.execute(status -> {
                // A group's incidents are updated together; the engine locks the incidents of its batch under the
                // inbox lock. Taking that lock first orders the two writers: without it each held rows the other
                // wanted and the database broke the deadlock by rolling one back (an engine batch of 1,000 events).
                inbox.lock();
                return persistGroup(component, graph, found, now);
            });
        }
        IncidentFacts alone = component.get(0);
        String stamp = Fingerprinter.sha256Hex("alone|" + found.keys());
        if (!stamp.equals(alone.stamp())) {
            jdbc.update("update incidents set correlation_stamp = ? where id = ?", stamp, alone.id());
        }
        return -1;
    }

    /** Label dependencies and deploy annotations of the incidents in scope; names for the log scan. */
    private void learnFrom(List<IncidentFacts> scope) {
        Set<LearnedDependencies.Dependency> stated = new LinkedHashSet<>();
        List<ChangeEvent> deploys = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (IncidentFacts incident : scope) {
            if (incident.hasService()) {
                names.add(incident.service());
            }
            names.addAll(incident.hosts());
            for (IncidentFacts.Signal alert : incident.alerts()) {
                String service = SignalLabels.service(alert.labels());
                String subject = service.isEmpty() ? incident.service() : service;
                stated.addAll(SignalLabels.dependencies(subject, alert.labels(), properties.getDependencyLabels(),
                        properties.getDependentLabels()));
                if (incident.endedAt() == null) {
                    String host = SignalLabels.hosts(alert.labels()).stream().findFirst().orElse(null);
                    DeployAnnotations.read(subject.isEmpty() ? null : subject, host, alert.labels(), alert.annotations(),
                            alert.startsAt()).ifPresent(deploys::add);
                }
            }
        }
        knownNames.replaceSeen(names);
        learned.record(stated);
        if (!deploys.isEmpty()) {
            changes.acceptNew(deploys, ChangeEvents.ANNOTATION);
        }
    }

    private List<List<IncidentFacts>> components(List<IncidentFacts> scope, DependencyGraph graph, Set<String> coOccurring,
                                                 Instant now) {
        int n = scope.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstOfGroup = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String group = scope.get(i).groupId();
            if (group != null) {
                Integer first = firstOfGroup.putIfAbsent(group, i);
                if (first != null) {
                    union(parent, first, i);
                }
            }
        }
        Duration window = properties.getWindow();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (find(parent, i) != find(parent, j)
                        && related(scope.get(i), scope.get(j), graph, coOccurring, now, window) != null) {
                    union(parent, i, j);
                }
            }
        }
        Map<Integer, List<IncidentFacts>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(scope.get(i));
        }
        return new ArrayList<>(byRoot.values());
    }

    /** Why two incidents belong together, or null when they do not. */
    static String related(IncidentFacts a, IncidentFacts b, DependencyGraph graph, Set<String> coOccurring, Instant now,
                          Duration window) {
        boolean overlap = !a.startedAt().isAfter(b.activeUntil(now).plus(window))
                && !b.startedAt().isAfter(a.activeUntil(now).plus(window));
        if (!overlap) {
            return null;
        }
        if (a.hasService() && a.service().equals(b.service())) {
            return "same service " + a.service();
        }
        if (graph.dependsOn(a.service(), b.service())) {
            return a.service() + " depends on " + b.service();
        }
        if (graph.dependsOn(b.service(), a.service())) {
            return b.service() + " depends on " + a.service();
        }
        Set<String> hostsA = hosts(a, graph);
        Set<String> hostsB = hosts(b, graph);
        for (String host : hostsA) {
            if (hostsB.contains(host)) {
                return "shared host " + host;
            }
        }
        for (String host : hostsB) {
            if (graph.dependsOn(a.service(), host)) {
                return a.service() + " depends on host " + host;
            }
        }
        for (String host : hostsA) {
            if (graph.dependsOn(b.service(), host)) {
                return b.service() + " depends on host " + host;
            }
        }
        if (a.hasService() && b.hasService() && coOccurring.contains(LearnedDependencies.pair(a.service(), b.service()))) {
            return a.service() + " and " + b.service() + " often fail together";
        }
        return null;
    }

    private static Set<String> hosts(IncidentFacts incident, DependencyGraph graph) {
        Set<String> hosts = new LinkedHashSet<>(incident.hosts());
        if (incident.hasService()) {
            hosts.addAll(graph.topology().hostsOf(incident.service()));
        }
        return hosts;
    }

    /** Stores one group; returns how many incidents joined it in this pass. */
    private int persistGroup(List<IncidentFacts> members, DependencyGraph graph, GroupEvidence.Found found, Instant now) {
        List<String> existing = members.stream().map(IncidentFacts::groupId).filter(java.util.Objects::nonNull).distinct().toList();
        String groupId = existing.isEmpty() ? UUID.randomUUID().toString()
                : existing.size() == 1 ? existing.get(0)
                : jdbc.queryForList("select id from correlation_groups where id in ("
                        + existing.stream().map(e -> "?").collect(Collectors.joining(",")) + ") order by created_at, id",
                        String.class, existing.toArray()).stream().findFirst().orElse(existing.get(0));
        for (String absorbed : existing) {
            if (!absorbed.equals(groupId)) {
                jdbc.update("update incidents set correlation_group_id = ? where correlation_group_id = ?", groupId, absorbed);
                jdbc.update("delete from correlation_groups where id = ?", absorbed);
            }
        }
        List<RootCandidate> candidates = RootRanker.rank(members, graph, found);
        IncidentFacts root = root(members, candidates);
        String signature = Fingerprinter.sha256Hex(members.stream().map(IncidentFacts::id).sorted().collect(Collectors.joining(","))
                + "|" + root.id() + "|" + candidates.stream().map(RootCandidate::service).collect(Collectors.joining(","))
                + "|" + found.keys());
        List<Map<String, Object>> previous = jdbc.queryForList("select root_incident_id, signature from correlation_groups where id = ?", groupId);
        String previousRoot = previous.isEmpty() ? null : (String) previous.get(0).get("ROOT_INCIDENT_ID");
        Timestamp at = Timestamp.from(now);
        if (previous.isEmpty()) {
            jdbc.update("insert into correlation_groups (id, root_incident_id, candidates_json, signature, created_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?)", groupId, root.id(), write(candidates), signature, at, at);
        } else if (!signature.equals(previous.get(0).get("SIGNATURE"))) {
            jdbc.update("update correlation_groups set root_incident_id = ?, candidates_json = ?, signature = ?, updated_at = ? "
                    + "where id = ?", root.id(), write(candidates), signature, at, groupId);
        }
        Set<String> newServices = new TreeSet<>();
        Set<String> allServices = new TreeSet<>();
        int joined = 0;
        for (IncidentFacts member : members) {
            boolean isRoot = member.id().equals(root.id());
            String stamp = Fingerprinter.sha256Hex(groupId + "|" + (isRoot ? "root" : "symptom") + "|" + signature);
            if (member.hasService()) {
                allServices.add(member.service());
            }
            boolean joins = !groupId.equals(member.groupId());
            if (joins && member.groupId() == null) {
                joined++;
                if (member.hasService()) {
                    newServices.add(member.service());
                }
            }
            if (joins || !stamp.equals(member.stamp())) {
                jdbc.update("update incidents set correlation_group_id = ?, correlation_stamp = ? where id = ?",
                        groupId, stamp, member.id());
            }
            boolean roleChanged = previousRoot != null && !previousRoot.equals(root.id())
                    && (isRoot || member.id().equals(previousRoot));
            if (joins || roleChanged) {
                timeline.record(member.id(), TIMELINE_KIND, null, isRoot
                        ? "root of correlated group " + groupId + " (" + (members.size() - 1) + " symptom(s)); ranked: "
                          + candidates.stream().limit(3).map(c -> c.service() + " " + c.score()).collect(Collectors.joining(", "))
                        : "symptom of " + describe(root) + " (group " + groupId + ")");
            }
        }
        if (!newServices.isEmpty()) {
            learned.countTogether(newServices, allServices);
        }
        return joined;
    }

    /** The earliest member of the best-ranked service; the earliest member when no member has a service. */
    static IncidentFacts root(List<IncidentFacts> members, List<RootCandidate> candidates) {
        Comparator<IncidentFacts> earliest = Comparator.comparing(IncidentFacts::startedAt).thenComparing(IncidentFacts::id);
        if (!candidates.isEmpty()) {
            String best = candidates.get(0).service();
            return members.stream().filter(m -> best.equals(m.service())).min(earliest).orElseThrow();
        }
        return members.stream().min(earliest).orElseThrow();
    }

    /** "the incident 'Title' (service)", redacted: timeline details are shown to API callers. */
    static String describe(IncidentFacts incident) {
        return "'" + incident.title() + "'" + (incident.hasService() ? " (" + incident.service() + ")" : "");
    }

    private LogActivity.Window redacted(LogActivity.Window w) {
        return new LogActivity.Window(w.service(), w.host(), w.templateId(), redactor.redact(w.template()), w.level(),
                w.occurrences(), redactor.redact(w.example()), w.firstMinute(), w.lastMinute());
    }

    private void prune(Instant now) {
        if (now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
            return;
        }
        lastPrune = now;
        activity.prune(now.minus(properties.getActivityRetention()));
        jdbc.update("delete from correlation_groups where not exists "
                + "(select 1 from incidents i where i.correlation_group_id = correlation_groups.id)");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
