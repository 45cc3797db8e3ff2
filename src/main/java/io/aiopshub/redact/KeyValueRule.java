package io.aiopshub.redact;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the value of {@code key=value}, {@code key: value}, {@code key => value} and JSON
 * {@code "key": "value"} pairs whose key names a secret.
 *
 * <p>Not a plain replace-all: when a pair is not secret, scanning resumes at its value rather than after
 * it, because in {@code user: password=x} the "value" of {@code user} is itself a secret pair. Keys are
 * matched and classified first, values only for secret keys, so long runs of harmless pairs stay linear.
 */
final class KeyValueRule implements RedactionRule {

    private static final Pattern VALUE = Pattern.compile(
            "\"[^\"\\\\\\r\\n]*+(?:\\\\.[^\"\\\\\\r\\n]*+)*+\"|'[^'\\r\\n]*'|\\$\\{[^}\\s]*}|[^\\s,;&\"'{}\\[\\])][^\\s,;&\"'}\\])]*");
    /** YAML block scalar indicator ("key: |" or "key: >-"); the secret is on the following, deeper-indented lines. */
    private static final Pattern BLOCK_SCALAR = Pattern.compile("[|>][-+]?[1-9]?");
    /**
     * Where an entry of a printed Java map ({@code {k=v, k2=v2}}, how labels and annotations reach logs
     * and timelines) ends: at the next {@code ", key="}, the closing brace or the end of the line. Values
     * there may contain spaces and commas, so a secret value is masked up to that point, not to its first space.
     */
    private static final Pattern MAP_ENTRY_END = Pattern.compile(", [A-Za-z_][A-Za-z0-9_.\\-]*=|}|\\r|\\n");
    private static final Pattern AUTHORIZATION_KEY = Pattern.compile("(?i)(?:proxy-)?authorization");
    private static final Pattern NON_SECRET_VALUE = Pattern.compile(
            "(?i)true|false|null|nil|none|yes|no|ok|success|failed|failure|enabled|disabled|required"
                    + "|optional|invalid|expired|missing|empty|redacted|masked|hidden|\\*+|<[^>]*>"
                    + "|\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*|\\{\\{[^}]*}}");

    private final SecretKeyClassifier classifier = new SecretKeyClassifier();

    @Override
    public String apply(String text) {
        KeyFinder key = new KeyFinder(text);
        Matcher value = null;
        Matcher mapEntryEnd = null;
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        // The key is classified before the value is matched, so rejected pairs cost nothing beyond the key.
        while (from < text.length() && key.find(from)) {
            from = key.end();
            String name = key.name();
            Optional<String> kind = classifier.classify(name);
            if (kind.isEmpty()) {
                continue;
            }
            value = value == null ? VALUE.matcher(text) : value;
            if (!value.region(key.end(), text.length()).lookingAt()
                    || !isSecretValue(name, value.group())) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, value.start()).append(Markers.masked(value.group(), kind.get()));
            if (BLOCK_SCALAR.matcher(value.group()).matches()) {
                copied = endOfBlock(text, key.start(), value.end());
            } else if (isMapEntry(text, key)) {
                mapEntryEnd = mapEntryEnd == null ? MAP_ENTRY_END.matcher(text) : mapEntryEnd;
                copied = mapEntryEnd.find(value.end()) ? mapEntryEnd.start() : text.length();
            } else {
                copied = value.end();
            }
            from = copied;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** An unquoted {@code key=} right after {@code "{"} or {@code ", "}: an entry of a printed map. */
    private static boolean isMapEntry(String text, KeyFinder key) {
        int start = key.start();
        return !key.quoted() && text.charAt(key.end() - 1) == '='
                && ((start >= 1 && text.charAt(start - 1) == '{') || (start >= 2 && text.startsWith(", ", start - 2)));
    }

    /** End of the lines after {@code from} that are indented deeper than the line holding {@code keyStart}. */
    private static int endOfBlock(String text, int keyStart, int from) {
        int lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
        int keyIndent = indentation(text, lineStart);
        int end = from;
        int next = text.indexOf('\n', from);
        while (next >= 0 && next + 1 < text.length()) {
            int lineEnd = text.indexOf('\n', next + 1);
            int stop = lineEnd < 0 ? text.length() : lineEnd;
            boolean blank = text.substring(next + 1, stop).isBlank();
            if (!blank && indentation(text, next + 1) <= keyIndent) {
                break;
            }
            end = stop;
            next = lineEnd;
        }
        return end;
    }

    private static int indentation(String text, int lineStart) {
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i - lineStart;
    }

    private static boolean isSecretValue(String key, String value) {
        // Values already holding a marker are done; Authorization headers have their own rule that keeps the scheme.
        return !value.contains(Markers.PREFIX)
                && !AUTHORIZATION_KEY.matcher(key).matches()
                && !isPlaceholderOrFlag(key, value);
    }

    /** A value that only stands for a secret (a placeholder, a flag such as {@code true}, a mask) is left alone. */
    static boolean isPlaceholderOrFlag(String key, String value) {
        if (value.isEmpty()) {
            return true;
        }
        char first = value.charAt(0);
        String unquoted = value.length() >= 2 && (first == '"' || first == '\'')
                ? value.substring(1, value.length() - 1)
                : value;
        if (unquoted.isEmpty() || NON_SECRET_VALUE.matcher(unquoted).matches()) {
            return true;
        }
        // PWD/OLDPWD in environment dumps are working directories, not passwords.
        return key.toLowerCase(Locale.ROOT).endsWith("pwd") && (unquoted.startsWith("/") || unquoted.startsWith("~"));
    }
}
