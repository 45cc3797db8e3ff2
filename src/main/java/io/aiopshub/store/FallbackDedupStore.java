package io.aiopshub.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import io.aiopshub.config.RedisGuard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Dedup in Redis, answered by the database while Redis is unavailable, and Redis brought up to date
 * before it is trusted again.
 * <p>
 * States stored while Redis could not be written are kept here ({@code pending}, newest per
 * fingerprint) and Redis counts as "behind": dedup keeps asking the database until they were written
 * to Redis. Without that, a state stored during the outage (say "resolved") would be missing from Redis
 * afterwards, and a later repeat of the older state Redis still holds ("firing") would be dropped. The
 * replay goes one chunk per request, so no request waits for all of it. Beyond {@code replayLimit}
 * pending states the replay drops every dedup key instead (each alert is then stored once more, which
 * the engine applies idempotently).
 */
public class FallbackDedupStore implements DedupStore {

    /** States written to Redis per request while catching up: one pipelined round trip. */
    static final int CHUNK = 1000;

    private final RedisDedupStore redis;
    private final DedupStore database;
    private final RedisGuard guard;
    private final int replayLimit;
    private final Object pendingLock = new Object();
    private final ReentrantLock catchUp = new ReentrantLock();
    /** Guarded by pendingLock. */
    private final Map<String, AlertState> pending = new LinkedHashMap<>();
    /** Guarded by pendingLock: more than replayLimit states were pending, so Redis must be flushed. */
    private boolean overflowed;
    /** Redis misses states the database holds; written only under pendingLock. */
    private volatile boolean behind;

    public FallbackDedupStore(RedisDedupStore redis, DedupStore database, RedisGuard guard, int replayLimit,
                              MeterRegistry meters) {
        this.redis = redis;
        this.database = database;
        this.guard = guard;
        this.replayLimit = replayLimit;
        Gauge.builder("aiops.redis.dedup.replay.backlog", this, FallbackDedupStore::backlog)
                .description("dedup states stored during a Redis outage and not yet written to Redis").register(meters);
    }

    @Override
    public List<Boolean> mustStore(List<AlertState> states) {
        if (behind && !catchUpStep()) {
            return database.mustStore(states);
        }
        return guard.call("dedup", () -> redis.mustStore(states), () -> database.mustStore(states));
    }

    @Override
    public void remember(List<AlertState> states) {
        synchronized (pendingLock) {
            if (behind) {
                keep(states);
                return;
            }
        }
        if (!guard.run("dedup", () -> redis.remember(states))) {
            synchronized (pendingLock) {
                keep(states);
            }
        }
    }

    @Override
    public void clear() {
        boolean cleared = guard.run("dedup", redis::clear);
        synchronized (pendingLock) {
            pending.clear();
            // Not reached: flushed once Redis is back, before it is trusted again.
            overflowed = !cleared;
            behind = !cleared;
        }
    }

    /** Whether Redis is up to date again (or already was). */
    boolean caughtUp() {
        return !behind;
    }

    private int backlog() {
        synchronized (pendingLock) {
            return pending.size();
        }
    }

    /** Under pendingLock. */
    private void keep(List<AlertState> states) {
        behind = true;
        for (AlertState state : states) {
            pending.remove(state.fingerprint());
            pending.put(state.fingerprint(), state);
        }
        if (pending.size() > replayLimit) {
            pending.clear();
            overflowed = true;
        }
    }

    /**
     * Writes the next chunk of pending states to Redis; true once nothing is pending any more. Only one
     * thread at a time: the others meanwhile ask the database.
     */
    private boolean catchUpStep() {
        if (!catchUp.tryLock()) {
            return false;
        }
        try {
            boolean flush;
            List<AlertState> chunk = new ArrayList<>();
            synchronized (pendingLock) {
                if (!overflowed && pending.isEmpty()) {
                    behind = false;
                    return true;
                }
                flush = overflowed;
                overflowed = false;
                Iterator<AlertState> oldest = pending.values().iterator();
                while (oldest.hasNext() && chunk.size() < CHUNK) {
                    chunk.add(oldest.next());
                    oldest.remove();
                }
            }
            boolean written = guard.run("dedup", () -> {
                if (flush) {
                    redis.clear();
                }
                if (!chunk.isEmpty()) {
                    redis.remember(chunk);
                }
            });
            synchronized (pendingLock) {
                if (!written) {
                    overflowed |= flush;
                    // A newer state remembered meanwhile wins over the one that could not be written.
                    chunk.forEach(state -> pending.putIfAbsent(state.fingerprint(), state));
                    return false;
                }
                if (!overflowed && pending.isEmpty()) {
                    behind = false;
                    return true;
                }
                return false;
            }
        } finally {
            catchUp.unlock();
        }
    }
}
