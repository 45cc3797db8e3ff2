package io.aiopshub.analysis.anomaly;

import java.util.Arrays;

/**
 * A streaming anomaly detector for one metric series: each value is compared with the series' recent
 * past only (no look-ahead), as a robust z-score against the median and the median absolute deviation
 * of a sliding window, for both the level and the step from the previous value; the larger of the two
 * is mapped to a score in [0, 1). Memory is the window, a fixed-size ring buffer.
 */
public final class SeriesAnomalyDetector {

    private final DetectorConfig config;
    private final double[] levels;
    private final double[] steps;
    private int size;
    private int next;
    private long seen;
    private double previous = Double.NaN;
    private long lastAlarm = Long.MIN_VALUE / 2;

    public SeriesAnomalyDetector(DetectorConfig config) {
        this.config = config;
        this.levels = new double[config.window()];
        this.steps = new double[config.window()];
    }

    /** Scores a value against the past, then adds it to the past. NaN values score 0 and are skipped. */
    public double update(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        double step = Double.isNaN(previous) ? 0 : value - previous;
        double score = seen < config.warmup() ? 0 : score(value, step);
        if (seen - lastAlarm <= config.refractory()) {
            score *= 0.25;
        } else if (score > 0.5) {
            lastAlarm = seen;
        }
        levels[next] = value;
        steps[next] = step;
        next = (next + 1) % levels.length;
        size = Math.min(size + 1, levels.length);
        seen++;
        previous = value;
        return score;
    }

    private double score(double value, double step) {
        double z = Math.max(robustZ(levels, value), robustZ(steps, step));
        // z / (z + scale) never saturates at exactly 1, so a corpus-wide threshold can still separate.
        return z / (z + config.scale());
    }

    private double robustZ(double[] buffer, double x) {
        double[] window = Arrays.copyOf(buffer, size);
        Arrays.sort(window);
        double median = median(window);
        for (int i = 0; i < window.length; i++) {
            window[i] = Math.abs(window[i] - median);
        }
        Arrays.sort(window);
        // 1.4826 makes MAD comparable to a standard deviation; the floor keeps flat series from dividing by 0.
        double spread = Math.max(1.4826 * median(window), 1e-6 + 1e-2 * Math.abs(median));
        return Math.abs(x - median) / spread;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    int windowSize() {
        return size;
    }
}
