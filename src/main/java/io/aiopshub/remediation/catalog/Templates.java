package io.aiopshub.remediation.catalog;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {name}} placeholders of catalog templates with parameter values. The values were checked
 * against the action's schema before; a placeholder without a value is an error, never an empty string,
 * so a command can not silently lose an argument.
 */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private Templates() {
    }

    public static String fill(String template, Map<String, ?> values) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + m.group(1) + "} in '" + template + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Like {@link #fill}, but {@code null} when a placeholder has no value: for run entries built from
     * optional parameters, which the executor then leaves out.
     */
    public static String fillIfPresent(String template, Map<String, ?> values) {
        for (String name : names(template)) {
            if (values.get(name) == null) {
                return null;
            }
        }
        return fill(template, values);
    }

    /** The placeholder names a template uses, for the start-up check against the parameter list. */
    public static java.util.Set<String> names(String template) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (template != null) {
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
