package io.aiopshub.rca.group;

import java.time.Instant;
import java.util.List;

/**
 * Incidents linked as one problem: overlapping in time and related by the topology, a shared host or a
 * dependency seen in labels. An incident that is related to nothing is a group of one.
 *
 * @param id             stable id of the group (the API's {@code group} filter)
 * @param rootIncidentId the member currently ranked as the cause; the others are its symptoms
 */
public record CorrelationGroup(String id, String rootIncidentId, List<Member> members) {

    public CorrelationGroup {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** {@code service} and {@code host} may be empty when the incident's labels name none. */
    public record Member(String incidentId, String service, String host, String title, String severity,
                         Instant startedAt, Role role) { }

    public enum Role { ROOT, SYMPTOM }
}
