package io.aiopshub.rca.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.aiopshub.incident.LabelMatcher;
import io.aiopshub.rca.analysis.AnalysisResult;
import io.aiopshub.rca.analysis.Evidence;
import io.aiopshub.rca.analysis.SuggestedAction;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.regex.InvalidRegexException;
import io.aiopshub.regex.UserRegex;

/**
 * The deterministic analyst: the first rule whose label matchers fit one of the incident's alerts (and
 * whose template regex, if any, fits one of its log templates) explains the incident, in the same
 * schema the LLM answers in. Suggested actions are filled from the alert's labels and kept only if the
 * catalog accepts them.
 */
public class RuleBasedAnalyst {

    /** The analysis and the rule that produced it. */
    public record Outcome(String ruleId, String category, AnalysisResult result) { }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");

    private final List<AnalystRule> rules;
    private final ActionCatalog catalog;

    public RuleBasedAnalyst(List<AnalystRule> rules, ActionCatalog catalog) {
        this.rules = List.copyOf(rules);
        this.catalog = catalog;
    }

    public Outcome analyze(IncidentEvidence incident) {
        for (AnalystRule rule : rules) {
            for (IncidentEvidence.AlertEvidence alert : incident.alerts()) {
                if (rule.labels().stream().allMatch(m -> m.matches(alert.labels())) && templatesMatch(rule, incident)) {
                    return outcome(rule, incident, alert);
                }
            }
        }
        throw new IllegalStateException("no analyst rule matched and no fallback rule (one without matchers) is configured");
    }

    private static boolean templatesMatch(AnalystRule rule, IncidentEvidence incident) {
        return rule.templates() == null
                || incident.templates().stream().anyMatch(t -> rule.templates().find(t.template()));
    }

    private Outcome outcome(AnalystRule rule, IncidentEvidence incident, IncidentEvidence.AlertEvidence alert) {
        Map<String, String> values = new LinkedHashMap<>(alert.labels());
        String instance = alert.labels().getOrDefault("instance", alert.labels().getOrDefault("host", ""));
        values.putIfAbsent("host", instance.replaceFirst(":\\d+$", ""));
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("alert", alert.fingerprint(), alert.labels().toString()));
        incident.templates().stream().limit(3).forEach(t -> evidence.add(new Evidence("template", t.templateId(),
                t.template() + " (" + t.occurrences() + " lines, " + t.service() + ")")));
        List<SuggestedAction> actions = new ArrayList<>();
        for (AnalystRule.ActionTemplate template : rule.actions()) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            template.parameters().forEach((k, v) -> parameters.put(k, v instanceof String s ? fill(s, values) : v));
            boolean complete = parameters.values().stream().noneMatch(v -> v instanceof String s && s.isBlank());
            if (complete && catalog.contains(template.actionId())
                    && catalog.validateParameters(template.actionId(), parameters).isEmpty()) {
                actions.add(new SuggestedAction(template.actionId(), parameters, fill(template.reason(), values)));
            }
        }
        AnalysisResult result = new AnalysisResult(fill(rule.summary(), values), fill(rule.rootCause(), values),
                rule.severity(), rule.confidence(), evidence, actions);
        return new Outcome(rule.id(), rule.category(), result);
    }

    /** Replaces {{name}} with the label's value; unknown names become empty. */
    static String fill(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString().trim();
    }

    /** Reads the rules file (or the copy bundled in the jar). */
    @SuppressWarnings("unchecked")
    public static List<AnalystRule> loadRules(String file) throws IOException {
        Path path = Path.of(file);
        try (InputStream in = Files.exists(path) ? Files.newInputStream(path)
                : RuleBasedAnalyst.class.getResourceAsStream("/config/analyst-rules.yaml")) {
            if (in == null) {
                throw new IOException("no analyst rules at " + path.toAbsolutePath());
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<AnalystRule> rules = new ArrayList<>();
            for (Object raw : (List<Object>) root.getOrDefault("rules", List.of())) {
                Map<String, Object> r = (Map<String, Object>) raw;
                String where = file + ": rule '" + r.get("id") + "' ";
                List<LabelMatcher> matchers = new ArrayList<>();
                for (Object o : (List<Object>) r.getOrDefault("labels", List.of())) {
                    try {
                        matchers.add(LabelMatcher.parse(String.valueOf(o)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + "labels[" + matchers.size() + "]: " + e.getMessage(), e);
                    }
                }
                UserRegex templates;
                try {
                    templates = r.get("templates") == null ? null : UserRegex.compile(String.valueOf(r.get("templates")));
                } catch (InvalidRegexException e) {
                    throw new IllegalArgumentException(where + "templates: regex " + e.getMessage(), e);
                }
                List<AnalystRule.ActionTemplate> actions = new ArrayList<>();
                for (Object a : (List<Object>) r.getOrDefault("actions", List.of())) {
                    Map<String, Object> action = (Map<String, Object>) a;
                    actions.add(new AnalystRule.ActionTemplate(String.valueOf(action.get("action_id")),
                            (Map<String, Object>) action.getOrDefault("parameters", Map.of()),
                            String.valueOf(action.getOrDefault("reason", ""))));
                }
                rules.add(new AnalystRule(String.valueOf(r.get("id")), matchers, templates,
                        String.valueOf(r.getOrDefault("category", "unknown")), String.valueOf(r.getOrDefault("severity", "warning")),
                        ((Number) r.getOrDefault("confidence", 0.3)).doubleValue(), String.valueOf(r.get("summary")),
                        String.valueOf(r.get("root_cause")), actions));
            }
            return rules;
        }
    }
}
