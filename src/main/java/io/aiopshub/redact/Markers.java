package io.aiopshub.redact;

/** Builds the replacement markers so their shape stays consistent across rules. */
final class Markers {

    static final String PREFIX = "[REDACTED:";

    private Markers() {
    }

    static String of(String kind) {
        return PREFIX + kind + "]";
    }

    /** The marker for {@code value}, keeping the value's quotes so JSON and YAML stay well-formed. */
    static String masked(String value, String kind) {
        char first = value.isEmpty() ? ' ' : value.charAt(0);
        boolean quoted = value.length() >= 2 && (first == '"' || first == '\'') && value.charAt(value.length() - 1) == first;
        return quoted ? first + of(kind) + first : of(kind);
    }
}
