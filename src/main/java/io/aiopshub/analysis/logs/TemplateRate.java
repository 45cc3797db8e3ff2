package io.aiopshub.analysis.logs;

/**
 * Per-minute occurrence count of one template against its own baseline (an exponentially weighted
 * average of earlier minutes). A minute is a spike when it reaches both a minimum count and a
 * multiple of the baseline; it is reported once per minute.
 */
final class TemplateRate {

    private static final double ALPHA = 0.3;

    private long minute = Long.MIN_VALUE;
    private long count;
    private double baseline = -1;
    private int minutesSeen;
    private boolean reported;

    /** Counts one occurrence; true exactly once per minute when that minute becomes a spike. */
    boolean observe(long epochMinute, double factor, long minCount, int warmupMinutes) {
        if (epochMinute != minute) {
            if (minute != Long.MIN_VALUE) {
                long gap = Math.max(0, epochMinute - minute - 1);
                baseline = baseline < 0 ? count : ALPHA * count + (1 - ALPHA) * baseline;
                for (long i = 0; i < Math.min(gap, 60); i++) {
                    baseline = (1 - ALPHA) * baseline;
                }
                minutesSeen++;
            }
            minute = epochMinute;
            count = 0;
            reported = false;
        }
        count++;
        if (!reported && minutesSeen >= warmupMinutes && count >= minCount && count >= factor * Math.max(baseline, 1.0)) {
            reported = true;
            return true;
        }
        return false;
    }

    long count() {
        return count;
    }

    double baseline() {
        return Math.max(baseline, 0);
    }
}
