package io.aiopshub.analysis.anomaly;

/**
 * One parameter set for every series.
 *
 * @param window     values kept per series (the detector's whole memory)
 * @param warmup     points before the first non-zero score
 * @param scale      robust z-score at which the score is 0.5; larger is less sensitive
 * @param refractory points after a score above 0.5 during which further scores are damped, so one
 *                   anomaly is reported once rather than on every point it lasts
 */
public record DetectorConfig(int window, int warmup, double scale, int refractory) {

    public static DetectorConfig defaults() {
        return new DetectorConfig(480, 60, 10.0, 500);
    }
}
