package io.aiopshub.analysis.metrics;

import java.time.Duration;
import java.util.Map;

/** One alerting rule in Prometheus' rule-file format. */
public record AlertRule(String group, String name, String expr, Duration forDuration, Duration keepFiringFor,
                        Map<String, String> labels, Map<String, String> annotations) {

    /** Unique within the loaded files: group and alert name. */
    public String key() {
        return group + "/" + name;
    }
}
