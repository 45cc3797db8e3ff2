package io.aiopshub.correlation;

import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The service and host names a log line may mention: the configured topology's plus the services and
 * hosts of the incidents the correlation last looked at. Replaced whole by the correlation pass.
 */
@Component
public class KnownNames {

    private final CurrentTopology topology;
    private volatile Set<String> seen = Set.of();

    public KnownNames(CurrentTopology topology) {
        this.topology = topology;
    }

    public Set<String> get() {
        Set<String> configured = topology.get().names();
        if (seen.isEmpty()) {
            return configured;
        }
        java.util.HashSet<String> all = new java.util.HashSet<>(configured);
        all.addAll(seen);
        return all;
    }

    void replaceSeen(Set<String> names) {
        seen = Set.copyOf(names);
    }
}
