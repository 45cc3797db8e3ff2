package io.aiopshub.ingest;

/** What is wrong with one field of a request, named by its JSON path (e.g. {@code alerts[3].labels}). */
public record FieldProblem(String field, String message) {
}
