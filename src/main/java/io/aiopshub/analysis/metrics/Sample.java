package io.aiopshub.analysis.metrics;

import java.util.Map;

/**
 * One series of an instant query result: its labels and value, and annotations the hub adds to an
 * alert made from it (an anomaly rule's explanation of the score; empty for plain rules).
 */
public record Sample(Map<String, String> labels, double value, Map<String, String> annotations) {

    public Sample {
        annotations = Map.copyOf(annotations);
    }

    public Sample(Map<String, String> labels, double value) {
        this(labels, value, Map.of());
    }
}
