package io.aiopshub.analysis.anomaly;

/**
 * One parameter set for every series (no per-series or per-category tuning).
 *
 * <p>{@link #defaults()} is window 2000, warm-up 60, short window 15, short exponent 0.5, floor 0.02,
 * scale 10, alarm 0.4, refractory 500, damp 0.5, repeats 2, repeat ratio 0.6, range tolerance 0.05 after
 * 300 points with score 0.9, seasonal ratio 0.5. Its scores on the Numenta Anomaly Benchmark, the
 * split check and the sensitivity of each parameter are in docs/benchmarks.md.
 *
 * @param window      values (and steps, and seasonal residuals) kept per series: the long-term mean and
 *                    standard deviation are taken over them
 * @param warmup      points before the first non-zero score
 * @param shortWindow the short-term average: the mean of the last {@code shortWindow} values (current
 *                    included) is compared with the long-term distribution, which catches level shifts
 *                    early, before any single point is extreme
 * @param shortExponent the short-term average's z-score is multiplied by {@code shortWindow^shortExponent}
 *                    (0.5 is the standard error of a mean of independent values; 0 treats it as one value)
 * @param floor       the standard deviation used is at least {@code floor} times the range of values seen
 *                    so far, so flat or nearly flat series do not turn tiny changes into huge z-scores
 * @param scale       z-score at which the score is 0.5: score = z / (z + scale), in [0, 1), never exactly 1
 * @param alarm       a score at or above this starts a refractory period
 * @param refractory  points after an alarm during which the z-score checks' scores are multiplied by
 *                    {@code damp}, so one anomaly (or one level shift, until the window absorbs it) is
 *                    reported once
 * @param damp        factor on those scores during the refractory period
 * @param repeats     a step (difference from the previous value) is not scored when at least this many
 *                    steps in the window went the same way and were at least {@code repeatRatio} as large:
 *                    recurring jumps (square waves, daily switches) are not novel; 0 disables the check
 * @param repeatRatio see {@code repeats}
 * @param rangeTolerance a value more than this fraction of the series' range beyond its lowest or highest
 *                    value so far scores {@code rangeScore} (0 disables the check); not damped by the
 *                    refractory period, as a new extreme is news even right after another alarm
 * @param rangeWarmup points before the range check starts (the range of a young series still grows)
 * @param rangeScore  the score of a value outside the range
 * @param seasonalRatio the seasonal check (value against the value one season earlier) counts only while
 *                    the residuals' standard deviation is below this fraction of the values' own, i.e.
 *                    while the season explains most of the series' variation; 0 disables it
 */
public record DetectorConfig(int window, int warmup, int shortWindow, double shortExponent, double floor,
        double scale, double alarm, int refractory, double damp, int repeats, double repeatRatio,
        double rangeTolerance, int rangeWarmup, double rangeScore, double seasonalRatio) {

    public DetectorConfig {
        if (window < 2 || warmup < 0 || shortWindow < 1 || shortWindow > window || refractory < 0 || scale <= 0
                || rangeTolerance < 0 || rangeWarmup < 0 || rangeScore < 0 || rangeScore >= 1 || seasonalRatio < 0) {
            throw new IllegalArgumentException("invalid detector config");
        }
    }

    public static DetectorConfig defaults() {
        return new DetectorConfig(2000, 60, 15, 0.5, 0.02, 10.0, 0.4, 500, 0.5, 2, 0.6, 0.05, 300, 0.9, 0.5);
    }

    /**
     * Bytes the detector keeps per series: three float windows (values, steps, seasonal residuals) and
     * one season of floats (at most {@link SeriesAnomalyDetector#MAX_SEASON} points), plus a few fields.
     */
    public long bytesPerSeries(int season) {
        return 4L * (3L * window + Math.min(season, SeriesAnomalyDetector.MAX_SEASON)) + 256;
    }
}
