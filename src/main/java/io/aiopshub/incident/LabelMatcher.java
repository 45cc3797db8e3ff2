package io.aiopshub.incident;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager label matcher: {@code name = "v"}, {@code !=}, {@code =~} (anchored regex) or {@code !~}.
 * A missing label matches as the empty string, as in Alertmanager.
 */
public record LabelMatcher(String name, Op op, String value, Pattern pattern) {

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

    private static final Pattern TEXT_FORM = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S*))\\s*");

    public static LabelMatcher of(String name, Op op, String value) {
        if (name == null || !name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("matcher label name '" + name + "' is not a valid label name");
        }
        if (value == null) {
            throw new IllegalArgumentException("matcher for '" + name + "' has no value");
        }
        Pattern pattern = null;
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            try {
                pattern = Pattern.compile("^(?:" + value + ")$");
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher for '" + name + "' has an invalid regex: " + e.getDescription());
            }
        }
        return new LabelMatcher(name, op, value, pattern);
    }

    /** Parses the text form used in YAML config, e.g. {@code severity=~"critical|high"}. */
    public static LabelMatcher parse(String text) {
        Matcher m = TEXT_FORM.matcher(text);
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
            case REGEX -> pattern.matcher(actual).matches();
            case NOT_REGEX -> !pattern.matcher(actual).matches();
        };
    }

    @Override
    public String toString() {
        return name + op.symbol + "\"" + value + "\"";
    }
}
