package io.aiopshub.llm.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.aiopshub.regex.InvalidRegexException;
import io.aiopshub.regex.UserRegex;

/**
 * Masks secrets and personal data in free text before it leaves the process (LLM prompts, stored
 * analysis text, logs). Replacements are markers such as {@code [REDACTED:password]} so the reader still
 * sees what kind of thing was there. Redacting already-redacted text changes nothing.
 *
 * <p>Thread-safe and cheap to share: all patterns are compiled once in the constructor.
 */
public final class Redactor {

    private final List<RedactionRule> rules;

    public Redactor(RedactionConfig config) {
        Objects.requireNonNull(config, "config");
        List<RedactionRule> all = new ArrayList<>();
        for (String regex : config.extraPatterns()) {
            UserRegex custom = compileCustom(regex);
            String marker = Markers.of("custom");
            all.add(text -> custom.replaceAll(text, marker));
        }
        all.addAll(BuiltInRules.rules(config.maskIpAddresses()));
        this.rules = List.copyOf(all);
    }

    public Redactor() {
        this(RedactionConfig.defaults());
    }

    /** Returns {@code text} with every recognised secret replaced by a marker; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (RedactionRule rule : rules) {
            result = rule.apply(result);
        }
        return result;
    }

    /** Operator-supplied patterns run on RE2: redaction sees every alert and log text, so matching must stay linear. */
    private static UserRegex compileCustom(String regex) {
        try {
            return UserRegex.compile(regex);
        } catch (InvalidRegexException e) {
            throw new IllegalArgumentException("Invalid extra redaction pattern '" + regex + "': " + e.getMessage(), e);
        }
    }
}
