package io.aiopshub.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
            all.add(PatternRule.mask("custom", compileCustom(regex), "custom"));
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

    private static Pattern compileCustom(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid extra redaction pattern '" + regex + "': " + e.getDescription(), e);
        }
    }
}
