package io.aiopshub.correlation;

import java.util.concurrent.atomic.AtomicReference;

/** The topology in force; a reload of the file swaps it whole. */
public class CurrentTopology {

    private final AtomicReference<Topology> current;

    public CurrentTopology(Topology initial) {
        this.current = new AtomicReference<>(initial);
    }

    public Topology get() {
        return current.get();
    }

    public void replace(Topology topology) {
        current.set(topology);
    }
}
