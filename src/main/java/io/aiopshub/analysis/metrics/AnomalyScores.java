package io.aiopshub.analysis.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.aiopshub.analysis.anomaly.DetectorConfig;
import io.aiopshub.analysis.anomaly.SeriesAnomalyDetector;
import io.aiopshub.analysis.anomaly.Verdict;

/**
 * One streaming detector per (rule, series), at most {@link #MAX_SERIES} of them (least recently
 * updated dropped first), turning an anomaly rule's samples into the samples whose score reaches the
 * rule's threshold, with the score as value and the detector's reason as annotations: which check
 * fired ({@code anomaly_check}), the value it looked at, its baseline, the deviation and one sentence
 * ({@code anomaly_reason}). The season of the seasonal check is a day at the rule group's interval.
 */
final class AnomalyScores {

    /** With {@link DetectorConfig#defaults()} at most about 36 KB each (docs/benchmarks.md): at most about 180 MB. */
    static final int MAX_SERIES = 5_000;

    private final DetectorConfig config = DetectorConfig.defaults();
    private final Map<String, SeriesAnomalyDetector> detectors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SeriesAnomalyDetector> eldest) {
            return size() > MAX_SERIES;
        }
    };

    synchronized List<Sample> anomalous(AlertRule rule, List<Sample> samples, Duration interval) {
        int season = interval.isZero() || interval.isNegative() ? 0 : (int) (Duration.ofDays(1).toSeconds() / Math.max(1, interval.toSeconds()));
        List<Sample> result = new ArrayList<>();
        for (Sample sample : samples) {
            Verdict verdict = detectors.computeIfAbsent(rule.key() + sample.labels(),
                    k -> new SeriesAnomalyDetector(config, season)).evaluate(sample.value());
            if (verdict.score() >= rule.anomalyThreshold()) {
                Map<String, String> labels = new LinkedHashMap<>(sample.labels());
                labels.put("anomaly", "true");
                result.add(new Sample(labels, verdict.score(), annotations(verdict)));
            }
        }
        return result;
    }

    private static Map<String, String> annotations(Verdict verdict) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("anomaly_check", verdict.check().label());
        annotations.put("anomaly_score", format("%.3f", verdict.score()));
        annotations.put("anomaly_value", format("%.6g", verdict.value()));
        annotations.put("anomaly_baseline", format("%.6g", verdict.baseline()));
        annotations.put("anomaly_deviation", verdict.check() == Verdict.Check.NEW_RANGE
                ? format("%+.0f%% of the range", 100 * verdict.deviation()) : format("%+.1fσ", verdict.deviation()));
        annotations.put("anomaly_reason", verdict.explain());
        return annotations;
    }

    private static String format(String pattern, double x) {
        return String.format(Locale.ROOT, pattern, x);
    }
}
