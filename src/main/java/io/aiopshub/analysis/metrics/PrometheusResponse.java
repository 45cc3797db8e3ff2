package io.aiopshub.analysis.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads {@code /api/v1/query} answers: vector and scalar results, values sent as strings. */
public final class PrometheusResponse {

    private PrometheusResponse() { }

    public static List<Sample> samples(JsonNode root) {
        if (!"success".equals(root.path("status").asText())) {
            throw new IllegalStateException("Prometheus query failed: " + root.path("errorType").asText() + ": "
                    + root.path("error").asText());
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        List<Sample> samples = new ArrayList<>();
        switch (type) {
            case "vector" -> data.path("result").forEach(series -> {
                Map<String, String> labels = new TreeMap<>();
                series.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                labels.remove("__name__");
                samples.add(new Sample(labels, value(series.path("value"))));
            });
            case "scalar" -> samples.add(new Sample(Map.of(), value(data.path("result"))));
            default -> throw new IllegalStateException("unsupported result type '" + type + "' for an alerting rule");
        }
        return samples;
    }

    private static double value(JsonNode pair) {
        String text = pair.path(1).asText();
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
