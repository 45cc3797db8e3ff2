package io.aiopshub.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded default: per-process, bounded, entries forgotten after their time to live. */
public class InMemoryDedupStore implements DedupStore {

    private record Entry(String value, long storedAtMillis) { }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration refreshInterval;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;

    public InMemoryDedupStore(Duration refreshInterval, Duration ttl, int maxEntries, Clock clock) {
        this.refreshInterval = refreshInterval;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public List<Boolean> mustStore(List<AlertState> states) {
        long now = clock.millis();
        List<Boolean> result = new ArrayList<>(states.size());
        for (AlertState state : states) {
            Entry entry = entries.get(state.fingerprint());
            String remembered = entry == null || now - entry.storedAtMillis() > ttl.toMillis() ? null : entry.value();
            result.add(DedupDecision.mustStore(remembered, state, refreshInterval));
        }
        return result;
    }

    @Override
    public void remember(List<AlertState> states) {
        long now = clock.millis();
        if (entries.size() + states.size() > maxEntries) {
            entries.values().removeIf(entry -> now - entry.storedAtMillis() > ttl.toMillis());
            if (entries.size() + states.size() > maxEntries) {
                // Still full: forgetting only costs one extra write per alert, so start afresh.
                entries.clear();
            }
        }
        for (AlertState state : states) {
            entries.put(state.fingerprint(), new Entry(DedupDecision.encode(state), now));
        }
    }

    @Override
    public void clear() {
        entries.clear();
    }
}
