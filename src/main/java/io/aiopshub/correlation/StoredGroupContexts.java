package io.aiopshub.correlation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.rca.group.CorrelationGroup;
import io.aiopshub.rca.group.GroupContext;
import io.aiopshub.rca.group.GroupContexts;
import io.aiopshub.rca.group.RootCandidate;
import io.aiopshub.redact.Redactor;

/**
 * The group context of an incident as the correlation stored it: its group's members and their roles, the
 * ranked root candidates, and the log templates and change events of the group's services, their
 * dependencies and hosts around the group's time. An incident in no group gets a group of itself, with
 * the evidence of its own service and hosts. Every text is redacted.
 */
@Component
public class StoredGroupContexts implements GroupContexts {

    private final IncidentFactsLoader loader;
    private final LearnedDependencies learned;
    private final LogActivity activity;
    private final ChangeEvents changes;
    private final CurrentTopology topology;
    private final CorrelationProperties properties;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Redactor redactor;
    private final Clock clock;

    public StoredGroupContexts(IncidentFactsLoader loader, LearnedDependencies learned, LogActivity activity,
                               ChangeEvents changes, CurrentTopology topology, CorrelationProperties properties,
                               JdbcTemplate jdbc, ObjectMapper json, Redactor redactor, Clock clock) {
        this.loader = loader;
        this.learned = learned;
        this.activity = activity;
        this.changes = changes;
        this.topology = topology;
        this.properties = properties;
        this.jdbc = jdbc;
        this.json = json;
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    public GroupContext forIncident(String incidentId) {
        List<IncidentFacts> members = loader.groupOf(incidentId);
        if (members.isEmpty()) {
            return GroupContext.alone(incidentId);
        }
        Instant now = clock.instant();
        DependencyGraph graph = new DependencyGraph(topology.get(), learned.all());
        GroupEvidence.Scope scope = GroupEvidence.scope(members, graph, now, properties.getEvidenceBefore(),
                properties.getEvidenceAfter(), properties.getEvidenceLookback());
        List<LogActivity.Window> logs = activity.between(scope.from(), scope.to()).stream()
                .map(w -> new LogActivity.Window(w.service(), w.host(), w.templateId(), redactor.redact(w.template()),
                        w.level(), w.occurrences(), redactor.redact(w.example()), w.firstMinute(), w.lastMinute())).toList();
        GroupEvidence.Found found = GroupEvidence.find(scope, logs, changes.between(scope.from(), scope.to()),
                properties.getMaxLogEvidence(), properties.getMaxChanges());
        String groupId = members.get(0).groupId();
        List<Map<String, Object>> stored = groupId == null ? List.of()
                : jdbc.queryForList("select root_incident_id, candidates_json from correlation_groups where id = ?", groupId);
        List<RootCandidate> candidates;
        String rootId;
        if (stored.isEmpty()) {
            candidates = RootRanker.rank(members, graph, found);
            rootId = Correlator.root(members, candidates).id();
        } else {
            candidates = candidates((String) stored.get(0).get("CANDIDATES_JSON"));
            rootId = (String) stored.get(0).get("ROOT_INCIDENT_ID");
        }
        List<CorrelationGroup.Member> view = new ArrayList<>();
        members.stream().sorted(Comparator.comparing(IncidentFacts::startedAt).thenComparing(IncidentFacts::id))
                .forEach(m -> view.add(new CorrelationGroup.Member(m.id(), m.service(),
                        m.hosts().stream().findFirst().orElse(""), redactor.redact(m.title()), m.severity(), m.startedAt(),
                        m.id().equals(rootId) ? CorrelationGroup.Role.ROOT : CorrelationGroup.Role.SYMPTOM)));
        Set<String> services = new LinkedHashSet<>();
        members.stream().filter(IncidentFacts::hasService).forEach(m -> services.add(m.service()));
        return new GroupContext(new CorrelationGroup(groupId == null ? incidentId : groupId, rootId, view), candidates,
                found.templates(redactor), found.changes(), new java.util.TreeMap<>(graph.around(services)));
    }

    private List<RootCandidate> candidates(String stored) {
        try {
            return json.readValue(stored, new TypeReference<List<RootCandidate>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
