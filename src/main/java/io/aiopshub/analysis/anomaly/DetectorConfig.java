package io.aiopshub.analysis.anomaly;

/**
 * One parameter set for every series.
 *
 * @param window  values kept per series (the detector's whole memory)
 * @param warmup  points before the first non-zero score
 * @param scale   robust z-score that maps to a score of about 0.63; larger is less sensitive
 */
public record DetectorConfig(int window, int warmup, double scale) {

    public static DetectorConfig defaults() {
        return new DetectorConfig(240, 30, 4.0);
    }
}
