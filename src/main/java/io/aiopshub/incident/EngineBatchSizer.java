package io.aiopshub.incident;

import java.time.Duration;

/**
 * How many inbox events the engine takes in its next transaction. A larger batch spreads the per-batch
 * work (the commit, each touched incident's update, the lookups) over more alerts, so a backlog drains
 * faster; but the batch holds the inbox lock and its incidents' row locks until it commits, and an
 * acknowledgement or a dispatcher flush of one of those incidents waits that long. So the size follows
 * a time budget: after each full batch the cost per event just measured gives the size that would take
 * {@code target}, and the next size moves halfway there, between {@code min} and {@code max}. On a quiet
 * machine with a backlog batches grow; when the machine is loaded and each event costs more, they shrink
 * back, so the locks are held about as long either way. With {@code max == min} the size is fixed.
 * <p>
 * Used by the engine's one thread only (the timer route runs one tick at a time).
 */
final class EngineBatchSizer {

    /** A batch this much smaller than the size asked for says too little about the cost of a full one. */
    private static final int PARTIAL_BATCH_DIVISOR = 4;

    private final int min;
    private final int max;
    private final long targetNanos;
    private int next;

    EngineBatchSizer(int min, int max, Duration target) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("batch sizes need 1 <= min <= max, got min " + min + ", max " + max);
        }
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("the batch time target must be positive, got " + target);
        }
        this.min = min;
        this.max = max;
        this.targetNanos = target.toNanos();
        this.next = min;
    }

    /** The most events to take in the next batch. */
    int next() {
        return next;
    }

    /** What the last batch took: {@code events} applied in {@code took}, in a batch asked to be {@code asked} long. */
    void observed(int asked, int events, Duration took) {
        if (events <= 0 || events < asked / PARTIAL_BATCH_DIVISOR) {
            return;
        }
        double perEvent = Math.max(1, took.toNanos()) / (double) events;
        long ideal = (long) (targetNanos / perEvent);
        long halfway = (next + Math.min(ideal, max) + 1) / 2;
        next = (int) Math.max(min, Math.min(max, halfway));
    }
}
