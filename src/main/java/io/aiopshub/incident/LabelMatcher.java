package io.aiopshub.incident;

import java.util.Map;
import java.util.regex.Pattern;

import io.aiopshub.regex.InvalidRegexException;
import io.aiopshub.regex.UserRegex;

/**
 * One Alertmanager label matcher: {@code name = "v"}, {@code !=}, {@code =~} (anchored regex) or {@code !~}.
 * A missing label matches as the empty string, as in Alertmanager. Regexes run on RE2 ({@link UserRegex}).
 */
public record LabelMatcher(String name, Op op, String value, UserRegex regex) {

    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Op fromSymbol(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("unknown matcher operator '" + symbol + "'; use =, !=, =~ or !~");
        }
    }

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    // RE2 as well: the text comes from config files, and java.util.regex recurses once per character here.
    private static final com.google.re2j.Pattern TEXT_FORM = com.google.re2j.Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S*))\\s*");

    /** Prometheus' label name grammar. */
    public static boolean isLabelName(String name) {
        return name != null && LABEL_NAME.matcher(name).matches();
    }

    public static LabelMatcher of(String name, Op op, String value) {
        if (!isLabelName(name)) {
            throw new IllegalArgumentException("matcher label name '" + name + "' is not a valid label name");
        }
        if (value == null) {
            throw new IllegalArgumentException("matcher for '" + name + "' has no value");
        }
        UserRegex regex = null;
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            try {
                regex = UserRegex.anchored(value);
            } catch (InvalidRegexException e) {
                throw new IllegalArgumentException("matcher for '" + name + "' has an invalid regex: " + e.getMessage());
            }
        }
        return new LabelMatcher(name, op, value, regex);
    }

    /** Parses the text form used in YAML config, e.g. {@code severity=~"critical|high"}. */
    public static LabelMatcher parse(String text) {
        com.google.re2j.Matcher m = TEXT_FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a matcher such as severity=\"critical\"");
        }
        String value = m.group(3) != null ? m.group(3).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(4);
        return of(m.group(1), Op.fromSymbol(m.group(2)), value);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> regex.matches(actual);
            case NOT_REGEX -> !regex.matches(actual);
        };
    }

    @Override
    public String toString() {
        return name + op.symbol + "\"" + value + "\"";
    }
}
