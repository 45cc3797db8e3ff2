package io.aiopshub.incident;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The routing policy in force. A reload replaces it whole, so a reader that takes it once per batch or
 * per flush sees one version, never half of an edit.
 */
public class CurrentRoutingPolicy {

    private final AtomicReference<RoutingPolicy> current;

    public CurrentRoutingPolicy(RoutingPolicy initial) {
        this.current = new AtomicReference<>(initial);
    }

    public RoutingPolicy get() {
        return current.get();
    }

    void replace(RoutingPolicy policy) {
        current.set(policy);
    }
}
