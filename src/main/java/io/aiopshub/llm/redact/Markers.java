package io.aiopshub.llm.redact;

/** Builds the replacement markers so their shape stays consistent across rules. */
final class Markers {

    static final String PREFIX = "[REDACTED:";

    private Markers() {
    }

    static String of(String kind) {
        return PREFIX + kind + "]";
    }
}
