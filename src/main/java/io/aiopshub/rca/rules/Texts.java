package io.aiopshub.rca.rules;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills rule texts. A placeholder names one or more labels, first present wins, and may end with a quoted
 * literal used when none is: {@code {{mountpoint|'a filesystem'}}}. Two placeholders side by side are refused
 * when rules load (they run together: "cartcart-7d9f"), and whatever a missing label leaves behind
 * (double spaces, a space before punctuation) is tidied.
 */
final class Texts {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");
    private static final Pattern ADJACENT = Pattern.compile("}}\\s*\\{\\{");

    private Texts() {
    }

    static String fill(String text, Map<String, String> values) {
        if (text == null) {
            return "";
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(m.group(1), values)));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\\(\\s*\\)", "").replaceAll("\\s+([,.;:)])", "$1").replaceAll("\\s{2,}", " ")
                .trim();
    }

    private static String resolve(String expression, Map<String, String> values) {
        for (String alternative : expression.split("\\|")) {
            String name = alternative.trim();
            if (name.length() >= 2 && name.startsWith("'") && name.endsWith("'")) {
                return name.substring(1, name.length() - 1);
            }
            String value = values.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    /** Null when the text is fine, else what is wrong with it. */
    static String problem(String text) {
        if (text != null && ADJACENT.matcher(text).find()) {
            return "two placeholders side by side run together; use one with alternatives, e.g. {{service|pod}}";
        }
        return null;
    }
}
