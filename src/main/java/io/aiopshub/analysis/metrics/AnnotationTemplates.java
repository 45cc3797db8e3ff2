package io.aiopshub.analysis.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The common subset of Prometheus' annotation templating: {@code {{ $labels.name }}}, {@code {{ $value }}},
 * {@code {{ $value | humanize }}} and {@code {{ humanize $value }}}, {@code {{ $value | humanizePercentage }}}.
 * Anything else is left as written.
 */
final class AnnotationTemplates {

    private static final Pattern LABEL = Pattern.compile("\\{\\{\\s*\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
    private static final Pattern VALUE = Pattern.compile(
            "\\{\\{\\s*(?:(humanize|humanizePercentage)\\s+)?\\$value\\s*(?:\\|\\s*(humanize|humanizePercentage)\\s*)?}}");

    private AnnotationTemplates() { }

    static Map<String, String> render(Map<String, String> annotations, Map<String, String> labels, double value) {
        Map<String, String> rendered = new LinkedHashMap<>();
        annotations.forEach((key, text) -> rendered.put(key, render(text, labels, value)));
        return rendered;
    }

    static String render(String text, Map<String, String> labels, double value) {
        Matcher labelMatcher = LABEL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (labelMatcher.find()) {
            labelMatcher.appendReplacement(out, Matcher.quoteReplacement(labels.getOrDefault(labelMatcher.group(1), "")));
        }
        labelMatcher.appendTail(out);
        Matcher valueMatcher = VALUE.matcher(out.toString());
        StringBuilder done = new StringBuilder();
        while (valueMatcher.find()) {
            String function = valueMatcher.group(1) != null ? valueMatcher.group(1) : valueMatcher.group(2);
            valueMatcher.appendReplacement(done, Matcher.quoteReplacement(format(value, function)));
        }
        valueMatcher.appendTail(done);
        return done.toString();
    }

    private static String format(double value, String function) {
        if ("humanizePercentage".equals(function)) {
            return trim(value * 100) + "%";
        }
        if ("humanize".equals(function)) {
            double abs = Math.abs(value);
            String[] units = {"", "k", "M", "G", "T"};
            int unit = 0;
            while (abs >= 1000 && unit < units.length - 1) {
                abs /= 1000;
                value /= 1000;
                unit++;
            }
            return trim(value) + units[unit];
        }
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String trim(double value) {
        return String.format(java.util.Locale.ROOT, "%.4g", value).replaceAll("\\.?0+($|e)", "$1");
    }
}
