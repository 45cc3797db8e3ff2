package io.aiopshub.correlation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the correlation knows of one incident: the service and hosts its alerts name, when its first alert
 * started, when it ended (null while firing), its current group, and its alerts' labels and annotations.
 */
public record IncidentFacts(String id, String title, String severity, String status, String service, Set<String> hosts,
                            Instant startedAt, Instant endedAt, String groupId, String stamp, List<Signal> alerts) {

    public record Signal(Map<String, String> labels, Map<String, String> annotations, Instant startsAt) { }

    public IncidentFacts {
        hosts = Set.copyOf(hosts);
        alerts = List.copyOf(alerts);
    }

    public boolean hasService() {
        return service != null && !service.isEmpty();
    }

    /** The end of its active time: when it resolved, or {@code now} while it fires. */
    public Instant activeUntil(Instant now) {
        return endedAt == null ? now : endedAt;
    }
}
