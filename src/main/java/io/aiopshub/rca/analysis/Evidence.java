package io.aiopshub.rca.analysis;

/**
 * One fact the analysis rests on.
 *
 * @param kind   {@code template}, {@code metric} or {@code alert}
 * @param ref    what the model points at: log template id, metric name/query, alert fingerprint
 * @param detail what it shows, in the model's words
 */
public record Evidence(String kind, String ref, String detail) {
}
