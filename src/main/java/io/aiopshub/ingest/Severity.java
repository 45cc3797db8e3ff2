package io.aiopshub.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The hub's four severities, highest first, and the aliases senders commonly use for them. */
public enum Severity {
    CRITICAL, HIGH, WARNING, INFO;

    private static final Map<String, Severity> ALIASES = Map.ofEntries(
            Map.entry("critical", CRITICAL), Map.entry("crit", CRITICAL), Map.entry("page", CRITICAL),
            Map.entry("fatal", CRITICAL), Map.entry("emergency", CRITICAL), Map.entry("disaster", CRITICAL),
            Map.entry("high", HIGH), Map.entry("error", HIGH), Map.entry("err", HIGH), Map.entry("major", HIGH),
            Map.entry("warning", WARNING), Map.entry("warn", WARNING), Map.entry("medium", WARNING),
            Map.entry("minor", WARNING), Map.entry("average", WARNING),
            Map.entry("info", INFO), Map.entry("low", INFO), Map.entry("notice", INFO),
            Map.entry("none", INFO), Map.entry("information", INFO));

    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(ALIASES.get(text.trim().toLowerCase(Locale.ROOT)));
    }

    /** Severity of an alert from its {@code severity} label; alerts without one count as warnings. */
    public static Severity ofLabels(Map<String, String> labels) {
        return parse(labels.get("severity")).orElse(WARNING);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isHigherThan(Severity other) {
        return ordinal() < other.ordinal();
    }
}
