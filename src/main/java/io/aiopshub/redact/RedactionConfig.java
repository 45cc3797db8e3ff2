package io.aiopshub.redact;

import java.util.List;

/**
 * Redaction settings.
 *
 * @param maskIpAddresses whether IPv4/IPv6 addresses are masked; off by default because addresses are
 *                        usually the most useful clue in an infrastructure incident
 * @param extraPatterns   additional Java regexes whose whole match is replaced by {@code [REDACTED:custom]};
 *                        applied before the built-in rules so they see the original text
 */
public record RedactionConfig(boolean maskIpAddresses, List<String> extraPatterns) {

    public RedactionConfig {
        extraPatterns = extraPatterns == null ? List.of() : List.copyOf(extraPatterns);
    }

    public RedactionConfig(boolean maskIpAddresses) {
        this(maskIpAddresses, List.of());
    }

    public static RedactionConfig defaults() {
        return new RedactionConfig(false, List.of());
    }
}
