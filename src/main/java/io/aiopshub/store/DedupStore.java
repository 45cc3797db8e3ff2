package io.aiopshub.store;

import java.time.Instant;
import java.util.List;

/**
 * Remembers the last stored state of each alert so that repeated deliveries (Prometheus re-sends every
 * firing alert on each evaluation) are not written again. In memory by default; Redis when configured,
 * so that several hub instances share it.
 */
public interface DedupStore {

    /** What was last stored for one fingerprint. */
    record AlertState(String fingerprint, String status, Instant startsAt, Instant endsAt) {

        String stateKey() {
            return status + "|" + startsAt.toEpochMilli();
        }
    }

    /**
     * For each state, whether it must be stored: never seen, status or start changed, or its end moved
     * by more than the refresh interval (so an alert that keeps firing does not expire in the hub).
     */
    List<Boolean> mustStore(List<AlertState> states);

    /** Called after the states were committed to the database. */
    void remember(List<AlertState> states);

    /** Forgets everything (tests, and after the database was reset). */
    void clear();
}
