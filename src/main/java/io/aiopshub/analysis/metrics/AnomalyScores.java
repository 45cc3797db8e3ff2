package io.aiopshub.analysis.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aiopshub.analysis.anomaly.DetectorConfig;
import io.aiopshub.analysis.anomaly.SeriesAnomalyDetector;

/**
 * One streaming detector per (rule, series), at most {@link #MAX_SERIES} of them (least recently
 * updated dropped first), turning an anomaly rule's samples into the samples whose score reaches the
 * rule's threshold, with the score as value.
 */
final class AnomalyScores {

    static final int MAX_SERIES = 10_000;

    private final Map<String, SeriesAnomalyDetector> detectors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SeriesAnomalyDetector> eldest) {
            return size() > MAX_SERIES;
        }
    };

    synchronized List<Sample> anomalous(AlertRule rule, List<Sample> samples) {
        List<Sample> result = new ArrayList<>();
        for (Sample sample : samples) {
            double score = detectors.computeIfAbsent(rule.key() + sample.labels(),
                    k -> new SeriesAnomalyDetector(DetectorConfig.defaults())).update(sample.value());
            if (score >= rule.anomalyThreshold()) {
                Map<String, String> labels = new LinkedHashMap<>(sample.labels());
                labels.put("anomaly", "true");
                result.add(new Sample(labels, score));
            }
        }
        return result;
    }
}
