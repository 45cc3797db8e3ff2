package io.aiopshub.rca.group;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aiopshub.rca.rules.IncidentEvidence.TemplateEvidence;

/**
 * What an analyst knows about an incident's group beyond the incident itself. Every text is already
 * redacted.
 *
 * @param candidates    root candidates, best first; never empty when the group has a member with a service
 * @param logEvidence   error/warning templates of the group's services, their dependencies and hosts in a
 *                      window around the group's alerts, whichever incident they arrived with
 * @param changes       change events of those services and hosts in that window, newest first
 * @param dependencies  service → the services it depends on (configured topology plus what was learned),
 *                      restricted to the services of this group and their neighbours
 */
public record GroupContext(CorrelationGroup group, List<RootCandidate> candidates, List<TemplateEvidence> logEvidence,
                           List<ChangeEvent> changes, Map<String, Set<String>> dependencies) {

    public GroupContext {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        logEvidence = logEvidence == null ? List.of() : List.copyOf(logEvidence);
        changes = changes == null ? List.of() : List.copyOf(changes);
        dependencies = dependencies == null ? Map.of() : Map.copyOf(dependencies);
    }

    /** An incident correlated with nothing and with no extra evidence. */
    public static GroupContext alone(String incidentId) {
        return new GroupContext(new CorrelationGroup(incidentId, incidentId, List.of()), List.of(), List.of(),
                List.of(), Map.of());
    }

    public boolean correlated() {
        return group.members().size() > 1;
    }
}
