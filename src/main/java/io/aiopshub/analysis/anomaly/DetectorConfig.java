package io.aiopshub.analysis.anomaly;

/**
 * One parameter set for every series (no per-series or per-category tuning).
 *
 * <p>{@link #defaults()} is window 1200, warm-up 60, short window 15, short exponent 0.5, floor 0.01,
 * scale 10, alarm 0.4, refractory 500, damp 0.5, repeats 2, repeat ratio 0.8. On the Numenta Anomaly
 * Benchmark it scores standard 56.6, reward_low_FP_rate 47.9, reward_low_FN_rate 61.6, with the
 * corpus-wide threshold at about 0.40, i.e. at the alarm level (see docs/benchmarks.md). The set was
 * picked from corpus-wide sweeps; changing one parameter to a neighbouring value scores 52-56, except
 * that a refractory period of 700 points drops the standard score to 46.
 *
 * @param window      values (and steps) kept per series: the long-term mean and standard deviation are
 *                    taken over them (the detector's memory is two ring buffers of this size)
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
 * @param refractory  points after an alarm during which scores are multiplied by {@code damp}, so one
 *                    anomaly (or one level shift, until the window absorbs it) is reported once
 * @param damp        factor on scores during the refractory period (0.5: only much stronger evidence
 *                    reaches the alarm level again)
 * @param repeats     a step (difference from the previous value) is not scored when at least this many
 *                    steps in the window went the same way and were at least {@code repeatRatio} as large:
 *                    recurring jumps (square waves, daily switches) are not novel; 0 disables the check
 * @param repeatRatio see {@code repeats}
 */
public record DetectorConfig(int window, int warmup, int shortWindow, double shortExponent, double floor,
        double scale, double alarm, int refractory, double damp, int repeats, double repeatRatio) {

    public DetectorConfig {
        if (window < 2 || warmup < 0 || shortWindow < 1 || shortWindow > window || refractory < 0 || scale <= 0) {
            throw new IllegalArgumentException("invalid detector config");
        }
    }

    public static DetectorConfig defaults() {
        return new DetectorConfig(1200, 60, 15, 0.5, 0.01, 10.0, 0.4, 500, 0.5, 2, 0.8);
    }
}
