package io.aiopshub.analysis.anomaly;

/**
 * A streaming anomaly detector for one metric series: each value is scored against the series' own
 * past only (no look-ahead), then added to it. A few explainable checks each compare one thing with a
 * baseline from the past, and the strongest one gives the score (and the {@link Verdict}):
 * <ul>
 * <li>{@code level}: the value against the mean and standard deviation of a sliding window;</li>
 * <li>{@code short-mean}: the mean of the last few values, its z-score scaled up like a standard error
 *     (level shifts, detected early, before any single point is extreme);</li>
 * <li>{@code step}: the step from the previous value, unless steps as large in the same direction
 *     already recur in the window (sudden jumps that are not part of the series' normal pattern);</li>
 * <li>{@code seasonal}: the value against the value one season (a day) earlier, while that residual
 *     varies much less than the series itself (a daily pattern that breaks, e.g. stays flat);</li>
 * <li>{@code new-range}: a value beyond the lowest or highest the series has ever had, by a margin.</li>
 * </ul>
 * The level, step and seasonal checks ignore a deviation that the window already holds twice (at least
 * 60% as large, same direction): a recurring spike or jump is the series' normal behaviour, not news.
 * The z-score checks map z to z / (z + scale); their standard deviations have a floor relative to the
 * range seen so far, so scores are comparable across series of any scale. After a score reaches the
 * alarm level, the z-score checks are damped for a refractory period, so one anomaly is reported once.
 * Memory is fixed: {@link DetectorConfig#bytesPerSeries(int)}.
 */
public final class SeriesAnomalyDetector {

    /** The longest season kept (a day at 30 s per point); a longer one disables the seasonal check. */
    public static final int MAX_SEASON = 2880;

    private final DetectorConfig config;
    private final double shortFactor;
    private final RingWindow levels;
    private final RingWindow steps;
    private final RingWindow residuals;
    private final float[] season;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long seen;
    private double previous = Double.NaN;
    private long lastAlarm = Long.MIN_VALUE / 2;
    private Verdict last = Verdict.none(Double.NaN);

    /** A detector without the seasonal check. */
    public SeriesAnomalyDetector(DetectorConfig config) {
        this(config, 0);
    }

    /**
     * @param seasonPoints points per season (a day divided by the sampling interval); 0, 1 or more than
     *                     {@link #MAX_SEASON} disable the seasonal check
     */
    public SeriesAnomalyDetector(DetectorConfig config, int seasonPoints) {
        this.config = config;
        this.shortFactor = Math.pow(config.shortWindow(), config.shortExponent());
        this.levels = new RingWindow(config.window());
        this.steps = new RingWindow(config.window());
        boolean seasonal = config.seasonalRatio() > 0 && seasonPoints > 1 && seasonPoints <= MAX_SEASON;
        this.residuals = new RingWindow(seasonal ? config.window() : 1);
        this.season = seasonal ? new float[seasonPoints] : null;
    }

    /** Scores a value against the past, then adds it to the past. NaN and infinite values score 0 and are skipped. */
    public double update(double value) {
        return evaluate(value).score();
    }

    /** As {@link #update(double)}, with the reason for the score. */
    public Verdict evaluate(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            last = Verdict.none(value);
            return last;
        }
        double step = Double.isNaN(previous) ? 0 : value - previous;
        boolean scoring = seen >= config.warmup() && levels.size() >= 2;
        Verdict newRange = scoring ? newRange(value) : null;
        min = Math.min(min, value);
        max = Math.max(max, value);
        double floor = Math.max(1e-9, config.floor() * (max - min));
        Verdict seasonal = seasonal(value, floor);
        Verdict verdict = scoring ? zChecks(value, step, floor, seasonal) : Verdict.none(value);
        if (seen - lastAlarm <= config.refractory()) {
            verdict = verdict.withScore(verdict.score() * config.damp());
        } else if (verdict.score() >= config.alarm()) {
            lastAlarm = seen;
        }
        if (newRange != null && newRange.score() > verdict.score()) {
            verdict = newRange;
        }
        levels.add(value);
        steps.add(step);
        seen++;
        previous = value;
        last = verdict;
        return verdict;
    }

    /** The verdict of the last value evaluated. */
    public Verdict last() {
        return last;
    }

    private Verdict newRange(double value) {
        if (config.rangeTolerance() <= 0 || seen < config.rangeWarmup() || max <= min) {
            return null;
        }
        double range = max - min;
        double margin = config.rangeTolerance() * range;
        if (value > max + margin) {
            return new Verdict(config.rangeScore(), Verdict.Check.NEW_RANGE, value, max, (value - max) / range);
        }
        if (value < min - margin) {
            return new Verdict(config.rangeScore(), Verdict.Check.NEW_RANGE, value, min, (value - min) / range);
        }
        return null;
    }

    /** Updates the seasonal memory; returns the seasonal check's z-score verdict, or null when it does not count. */
    private Verdict seasonal(double value, double floor) {
        if (season == null) {
            return null;
        }
        int at = (int) (seen % season.length);
        Verdict verdict = null;
        if (seen >= season.length) {
            double lastSeason = season[at];
            double residual = value - lastSeason;
            if (residuals.size() > season.length && residuals.sd(floor) < config.seasonalRatio() * levels.sd(floor)) {
                double sd = residuals.sd(floor);
                double deviation = (residual - residuals.mean()) / sd;
                if (!recurs(residuals, residual - residuals.mean(), residuals.mean(), deviation)) {
                    verdict = new Verdict(0, Verdict.Check.SEASONAL, value, lastSeason + residuals.mean(), deviation);
                }
            }
            residuals.add(residual);
        }
        season[at] = (float) value;
        return verdict;
    }

    /**
     * Whether a deviation (of {@code z} standard deviations) already happened {@code repeats} times in the
     * window, at least {@code repeatRatio} as large: then it is the series' normal behaviour, not news.
     * The latest {@code shortWindow} values are left out: a deviation that grows gradually (a pattern
     * drifting away from its season) must not count as seen before because of its own first points.
     * Below 3σ nothing scores near an alarm, so the scan of the window is skipped there.
     */
    private boolean recurs(RingWindow window, double deviation, double centre, double z) {
        return config.repeats() > 0 && Math.abs(z) > 3
                && window.recurs(deviation, centre, config.repeatRatio(), config.repeats(), config.shortWindow());
    }

    private Verdict zChecks(double value, double step, double floor, Verdict seasonal) {
        double sd = levels.sd(floor);
        double mean = levels.mean();
        Verdict best = new Verdict(0, Verdict.Check.LEVEL, value, mean, (value - mean) / sd);
        if (recurs(levels, value - mean, mean, best.deviation())) {
            best = new Verdict(0, Verdict.Check.LEVEL, value, mean, 0);
        }
        if (seasonal != null && Math.abs(seasonal.deviation()) > Math.abs(best.deviation())) {
            best = seasonal;
        }
        int k = config.shortWindow();
        if (k > 1) {
            double recent = levels.recentMean(value, k);
            double z = (recent - mean) / sd * shortFactor;
            if (Math.abs(z) > Math.abs(best.deviation())) {
                best = new Verdict(0, Verdict.Check.SHORT_MEAN, recent, mean, z);
            }
        }
        if (config.repeats() == 0 || !steps.recurs(step, 0, config.repeatRatio(), config.repeats(), 0)) {
            double z = (step - steps.mean()) / steps.sd(floor);
            if (Math.abs(z) > Math.abs(best.deviation())) {
                best = new Verdict(0, Verdict.Check.STEP, step, steps.mean(), z);
            }
        }
        double z = Math.abs(best.deviation());
        return best.withScore(z / (z + config.scale()));
    }
}
