package io.aiopshub.rca.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.aiopshub.incident.LabelMatcher;
import io.aiopshub.rca.analysis.AnalysisSchema;
import io.aiopshub.regex.InvalidRegexException;
import io.aiopshub.regex.UserRegex;

/**
 * Reads config/analyst-rules.yaml (or the copy bundled in the jar). Every mistake is reported with the
 * file, the entry and the field: an unknown category, a weight outside 0..1, a bad regex or matcher,
 * placeholders that would run together.
 */
final class AnalystRulesLoader {

    private AnalystRulesLoader() {
    }

    @SuppressWarnings("unchecked")
    static AnalystRules load(String file) throws IOException {
        Path path = Path.of(file);
        try (InputStream in = Files.exists(path) ? Files.newInputStream(path)
                : AnalystRulesLoader.class.getResourceAsStream("/config/analyst-rules.yaml")) {
            if (in == null) {
                throw new IOException("no analyst rules at " + path.toAbsolutePath());
            }
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(loaded instanceof Map<?, ?> root)) {
                throw new IllegalArgumentException(file + ": expected a mapping with 'rules'");
            }
            Map<String, Object> top = (Map<String, Object>) root;
            return new AnalystRules(alertRules(file, list(root.get("rules"))), logPatterns(file, list(root.get("log_patterns"))),
                    changes(file, list(root.get("changes"))), backends(file, list(root.get("backends"))),
                    weight(file + ": relayed_", Map.of("weight", top.getOrDefault("relayed_weight", 0.6))));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<AnalystRule> alertRules(String file, List<Map<String, Object>> entries) {
        List<AnalystRule> rules = new ArrayList<>();
        for (Map<String, Object> r : entries) {
            String where = file + ": rule '" + r.get("id") + "' ";
            for (String old : List.of("summary", "root_cause", "confidence")) {
                if (r.containsKey(old)) {
                    throw new IllegalArgumentException(where + old + ": renamed; rules now have finding (a phrase after the "
                            + "service), explanation and weight");
                }
            }
            List<LabelMatcher> matchers = new ArrayList<>();
            for (Object o : list(r.get("labels"))) {
                try {
                    matchers.add(LabelMatcher.parse(String.valueOf(o)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + "labels[" + matchers.size() + "]: " + e.getMessage(), e);
                }
            }
            UserRegex templates = r.get("templates") == null ? null : regex(where + "templates", r.get("templates"));
            List<AnalystRule.ActionTemplate> actions = new ArrayList<>();
            for (Map<String, Object> action : AnalystRulesLoader.<Map<String, Object>>list(r.get("actions"))) {
                actions.add(new AnalystRule.ActionTemplate(String.valueOf(action.get("action_id")),
                        (Map<String, Object>) action.getOrDefault("parameters", Map.of()),
                        text(where + "reason", action.getOrDefault("reason", ""))));
            }
            rules.add(new AnalystRule(String.valueOf(r.get("id")), matchers, templates, category(where, r),
                    String.valueOf(r.getOrDefault("severity", "warning")), weight(where, r),
                    text(where + "finding", r.getOrDefault("finding", "needs a look")),
                    text(where + "explanation", r.getOrDefault("explanation", "")), actions));
        }
        return rules;
    }

    private static List<LogPattern> logPatterns(String file, List<Map<String, Object>> entries) {
        List<LogPattern> patterns = new ArrayList<>();
        for (Map<String, Object> p : entries) {
            String where = file + ": log pattern '" + p.get("id") + "' ";
            List<UserRegex> match = new ArrayList<>();
            Object raw = p.get("match");
            for (Object one : raw instanceof List<?> l ? l : List.of(String.valueOf(raw))) {
                match.add(regex(where + "match[" + match.size() + "]", one));
            }
            patterns.add(new LogPattern(String.valueOf(p.get("id")), match, category(where, p), weight(where, p),
                    text(where + "finding", p.getOrDefault("finding", "logs errors")),
                    text(where + "explanation", p.getOrDefault("explanation", "")),
                    Boolean.TRUE.equals(p.get("outward"))));
        }
        return patterns;
    }

    private static List<ChangeRule> changes(String file, List<Map<String, Object>> entries) {
        List<ChangeRule> rules = new ArrayList<>();
        for (Map<String, Object> c : entries) {
            String where = file + ": change rule '" + c.get("id") + "' ";
            rules.add(new ChangeRule(String.valueOf(c.get("id")), regex(where + "match", c.getOrDefault("match", ".")),
                    category(where, c), weight(where, c), text(where + "finding", c.getOrDefault("finding", "changed"))));
        }
        return rules;
    }

    private static List<Backend> backends(String file, List<Map<String, Object>> entries) {
        List<Backend> backends = new ArrayList<>();
        for (Map<String, Object> b : entries) {
            String where = file + ": backend '" + b.get("id") + "' ";
            backends.add(new Backend(String.valueOf(b.get("id")), regex(where + "services", b.get("services")),
                    regex(where + "match", b.get("match"))));
        }
        return backends;
    }

    private static String category(String where, Map<String, Object> entry) {
        String category = String.valueOf(entry.getOrDefault("category", "unknown"));
        if (!AnalysisSchema.CATEGORIES.contains(category)) {
            throw new IllegalArgumentException(where + "category: must be one of " + String.join(", ", AnalysisSchema.CATEGORIES)
                    + ", got '" + category + "'");
        }
        return category;
    }

    private static double weight(String where, Map<String, Object> entry) {
        Object raw = entry.getOrDefault("weight", 0.3);
        if (!(raw instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
            throw new IllegalArgumentException(where + "weight: must be a number from 0 to 1, got '" + raw + "'");
        }
        return n.doubleValue();
    }

    private static UserRegex regex(String where, Object raw) {
        try {
            return UserRegex.compile(String.valueOf(raw));
        } catch (InvalidRegexException e) {
            throw new IllegalArgumentException(where + ": regex " + e.getMessage(), e);
        }
    }

    private static String text(String where, Object raw) {
        String text = String.valueOf(raw);
        String problem = Texts.problem(text);
        if (problem != null) {
            throw new IllegalArgumentException(where + ": " + problem);
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object raw) {
        return raw instanceof List<?> l ? (List<T>) l : List.of();
    }
}
