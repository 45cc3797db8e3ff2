package io.aiopshub.redact;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redaction settings ({@code aiops.redaction.*}). One policy for everything that leaves the hub: logs,
 * notifications, LLM prompts and the analysis views of the API.
 *
 * @param maskIpAddresses    whether IPv4/IPv6 addresses are masked; off by default because addresses are
 *                           usually the most useful clue in an infrastructure incident
 * @param maskEmailAddresses whether e-mail addresses are masked (personal data); on by default
 * @param extraPatterns      additional regexes (RE2 syntax) whose whole match is replaced by {@code [REDACTED:custom]};
 *                           applied before the built-in rules so they see the original text
 */
@ConfigurationProperties(prefix = "aiops.redaction")
public record RedactionConfig(boolean maskIpAddresses, boolean maskEmailAddresses, List<String> extraPatterns) {

    @ConstructorBinding
    public RedactionConfig(@DefaultValue("false") boolean maskIpAddresses, @DefaultValue("true") boolean maskEmailAddresses,
                           List<String> extraPatterns) {
        this.maskIpAddresses = maskIpAddresses;
        this.maskEmailAddresses = maskEmailAddresses;
        this.extraPatterns = extraPatterns == null ? List.of() : List.copyOf(extraPatterns);
    }

    public RedactionConfig(boolean maskIpAddresses, List<String> extraPatterns) {
        this(maskIpAddresses, true, extraPatterns);
    }

    public RedactionConfig(boolean maskIpAddresses) {
        this(maskIpAddresses, true, List.of());
    }

    public static RedactionConfig defaults() {
        return new RedactionConfig(false, true, List.of());
    }
}
