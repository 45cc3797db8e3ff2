package io.aiopshub.analysis.anomaly;

/**
 * A streaming anomaly detector for one metric series: each value is scored against the series' own
 * past only (no look-ahead), then added to it. Three features are z-scored against the mean and standard
 * deviation of a sliding window, and the largest is mapped to a score in [0, 1):
 * <ul>
 * <li>the value itself (spikes and dips);</li>
 * <li>the mean of the last few values, its z-score scaled up like a standard error (level shifts,
 *     detected early, before any single point is extreme);</li>
 * <li>the step from the previous value, unless steps as large in the same direction already recur in
 *     the window (sudden jumps that are not part of the series' normal pattern).</li>
 * </ul>
 * The standard deviation has a floor relative to the range seen so far, so scores are comparable across
 * series of any scale. After a score reaches the alarm level, later scores are damped for a refractory
 * period, so one anomaly is reported once. Memory is fixed: two ring buffers of the window's size.
 */
public final class SeriesAnomalyDetector {

    private final DetectorConfig config;
    private final double shortFactor;
    private final Window levels;
    private final Window steps;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long seen;
    private double previous = Double.NaN;
    private long lastAlarm = Long.MIN_VALUE / 2;

    public SeriesAnomalyDetector(DetectorConfig config) {
        this.config = config;
        this.shortFactor = Math.pow(config.shortWindow(), config.shortExponent());
        this.levels = new Window(config.window());
        this.steps = new Window(config.window());
    }

    /** Scores a value against the past, then adds it to the past. NaN and infinite values score 0 and are skipped. */
    public double update(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        double step = Double.isNaN(previous) ? 0 : value - previous;
        min = Math.min(min, value);
        max = Math.max(max, value);
        double score = 0;
        if (seen >= config.warmup() && levels.size >= 2) {
            double z = z(value, step);
            score = z / (z + config.scale());
        }
        if (seen - lastAlarm <= config.refractory()) {
            score *= config.damp();
        } else if (score >= config.alarm()) {
            lastAlarm = seen;
        }
        levels.add(value);
        steps.add(step);
        seen++;
        previous = value;
        return score;
    }

    private double z(double value, double step) {
        double floor = Math.max(1e-9, config.floor() * (max - min));
        double levelSd = levels.sd(floor);
        double mean = levels.mean();
        double z = Math.abs(value - mean) / levelSd;
        int k = config.shortWindow();
        if (k > 1) {
            z = Math.max(z, Math.abs(levels.recentMean(value, k) - mean) / levelSd * shortFactor);
        }
        if (config.repeats() == 0 || !steps.recurs(step, config.repeatRatio(), config.repeats())) {
            z = Math.max(z, Math.abs(step - steps.mean()) / steps.sd(floor));
        }
        return z;
    }

    /** A ring buffer with running sums (recomputed once per lap, so rounding errors do not accumulate). */
    private static final class Window {
        private final double[] values;
        private int size;
        private int next;
        private int sinceRecompute;
        private double sum;
        private double sumSq;

        Window(int capacity) {
            values = new double[capacity];
        }

        void add(double x) {
            if (size == values.length) {
                double old = values[next];
                sum -= old;
                sumSq -= old * old;
            } else {
                size++;
            }
            values[next] = x;
            sum += x;
            sumSq += x * x;
            next = (next + 1) % values.length;
            if (++sinceRecompute == values.length) {
                sinceRecompute = 0;
                sum = 0;
                sumSq = 0;
                for (int i = 0; i < size; i++) {
                    sum += values[i];
                    sumSq += values[i] * values[i];
                }
            }
        }

        double mean() {
            return size == 0 ? 0 : sum / size;
        }

        double sd(double floor) {
            if (size < 2) {
                return floor;
            }
            double mean = sum / size;
            return Math.max(Math.sqrt(Math.max(0, sumSq / size - mean * mean)), floor);
        }

        /** The mean of x and the last k - 1 values. */
        double recentMean(double x, int k) {
            int n = Math.min(k - 1, size);
            double s = x;
            for (int i = 1; i <= n; i++) {
                s += values[(next - i + values.length) % values.length];
            }
            return s / (n + 1);
        }

        /** Whether at least m values have x's sign and at least ratio times its magnitude. */
        boolean recurs(double x, double ratio, int m) {
            double bar = ratio * Math.abs(x);
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (x >= 0 ? values[i] >= bar : -values[i] >= bar) {
                    if (++count >= m) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
