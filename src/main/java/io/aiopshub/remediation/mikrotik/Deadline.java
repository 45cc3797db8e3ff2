package io.aiopshub.remediation.mikrotik;

import java.time.Duration;

/** The end of one executor call ({@code ExecutorRequest.timeout()}), on the monotonic clock. */
public record Deadline(long endNanos, Duration total) {

    public static Deadline after(Duration total) {
        return new Deadline(System.nanoTime() + total.toNanos(), total);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** Milliseconds a blocking call may take: {@code limit}, but never past the deadline; at least 1 (0 means forever to sockets). */
    int millisWithin(Duration limit) {
        long ms = Math.min(limit.toMillis(), remaining().toMillis());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    /** Whether {@code limit} reaches past the deadline, i.e. a wait bounded by both ends because of the deadline. */
    boolean cutsShort(Duration limit) {
        return remaining().compareTo(limit) < 0;
    }
}
