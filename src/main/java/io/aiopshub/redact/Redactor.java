package io.aiopshub.redact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.aiopshub.regex.InvalidRegexException;
import io.aiopshub.regex.UserRegex;

/**
 * Masks secrets and personal data in text before it leaves the process: logs, notifications, LLM prompts
 * and the analysis views of the API. Replacements are markers such as {@code [REDACTED:password]} so the
 * reader still sees what kind of thing was there. Redacting already-redacted text changes nothing.
 *
 * <p>Thread-safe and cheap to share: all patterns are compiled once in the constructor. Needs nothing but
 * the JDK, so the logging system can build one from the default rules before Spring starts.
 */
public final class Redactor {

    private final List<RedactionRule> rules;
    private final SecretKeyClassifier keys = new SecretKeyClassifier();

    public Redactor(RedactionConfig config) {
        Objects.requireNonNull(config, "config");
        List<RedactionRule> all = new ArrayList<>();
        for (String regex : config.extraPatterns()) {
            UserRegex custom = compileCustom(regex);
            String marker = Markers.of("custom");
            all.add(text -> custom.replaceAll(text, marker));
        }
        all.addAll(BuiltInRules.rules(config.maskIpAddresses(), config.maskEmailAddresses()));
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
            try {
                result = rule.apply(result);
            } catch (StackOverflowError e) {
                // java.util.regex recurses once per repetition of a group; a pathological text (tens of thousands
                // of repetitions, e.g. a crafted log line) can exhaust the stack. Fail closed, never raw, and let the
                // caller (a logger, the log miner, a notification) carry on.
                return Markers.of("unredactable_text");
            }
        }
        return result;
    }

    /**
     * The value of a named field (a label, an annotation, a JSON property). When the name says it holds a
     * secret ({@code db_password}, {@code api_token}) the whole value is masked, even one with spaces that the
     * free-text rules would only partly catch; otherwise the value is redacted as text.
     */
    public String redactValue(String key, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        Optional<String> kind = key == null ? Optional.empty() : keys.classify(key);
        if (kind.isPresent() && !value.contains(Markers.PREFIX) && !KeyValueRule.isPlaceholderOrFlag(key, value)) {
            return Markers.of(kind.get());
        }
        return redact(value);
    }

    /** A copy of {@code pairs} (labels, annotations) with every value redacted by its key, in the same order. */
    public Map<String, String> redactValues(Map<String, String> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return pairs;
        }
        Map<String, String> out = new LinkedHashMap<>(pairs.size() * 2);
        pairs.forEach((key, value) -> out.put(key, redactValue(key, value)));
        return Collections.unmodifiableMap(out);
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
