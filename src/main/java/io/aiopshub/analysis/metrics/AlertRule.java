package io.aiopshub.analysis.metrics;

import java.time.Duration;
import java.util.Map;

/**
 * One alerting rule in Prometheus' rule-file format. With {@code anomaly: true} the expression's
 * series are not compared with a threshold by Prometheus: each goes through the hub's streaming
 * anomaly detector, and a series is "present" while its score is at least {@code anomaly_threshold}.
 */
public record AlertRule(String group, String name, String expr, Duration forDuration, Duration keepFiringFor,
                        Map<String, String> labels, Map<String, String> annotations, boolean anomaly,
                        double anomalyThreshold) {

    /**
     * The detector's alarm level, which is also the threshold NAB's scorer picks over its corpus
     * (docs/benchmarks.md). The detector reports an anomaly's onset and then damps its scores for a
     * while, so anomaly rules want {@code keep_firing_for} rather than a long {@code for}.
     */
    public static final double DEFAULT_ANOMALY_THRESHOLD = 0.4;

    public AlertRule(String group, String name, String expr, Duration forDuration, Duration keepFiringFor,
                     Map<String, String> labels, Map<String, String> annotations) {
        this(group, name, expr, forDuration, keepFiringFor, labels, annotations, false, DEFAULT_ANOMALY_THRESHOLD);
    }

    /** Unique within the loaded files: group and alert name. */
    public String key() {
        return group + "/" + name;
    }
}
