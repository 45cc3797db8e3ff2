package io.aiopshub.rca.rules;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.aiopshub.rca.analysis.AnalysisResult;
import io.aiopshub.rca.analysis.Evidence;
import io.aiopshub.rca.analysis.SuggestedAction;
import io.aiopshub.remediation.catalog.ActionCatalog;

/**
 * The deterministic analyst. It classifies every piece of evidence of the incident and of its correlated
 * group (alerts by the alert rules, log templates by wording families, changes by kind), picks the one root
 * service ({@link RootRanker}), and explains the group from there, in the same schema the LLM answers in: the
 * root's category, a root-cause text that quotes the evidence, the other services as symptoms. Suggested
 * actions come from the root's alert rule, filled from that alert's labels, and are kept only if the catalog
 * accepts them.
 */
public class RuleBasedAnalyst {

    /** The analysis and the rule that classified the root's strongest evidence. */
    public record Outcome(String ruleId, String category, AnalysisResult result) { }

    private static final int QUOTED = 3;

    private final SignalCollector collector;
    private final RootRanker ranker = new RootRanker();
    private final ActionCatalog catalog;

    public RuleBasedAnalyst(AnalystRules rules, ActionCatalog catalog) {
        if (rules.alerts().stream().noneMatch(r -> r.labels().isEmpty() && r.templates() == null)) {
            throw new IllegalArgumentException("the analyst rules need a fallback rule (one without labels) as the last rule");
        }
        this.collector = new SignalCollector(rules);
        this.catalog = catalog;
    }

    /** Reads the rules file (or the copy bundled in the jar); every mistake names the entry and field. */
    public static AnalystRules loadRules(String file) throws IOException {
        return AnalystRulesLoader.load(file);
    }

    public Outcome analyze(IncidentEvidence incident) {
        List<Signal> signals = collector.collect(incident);
        if (signals.isEmpty()) {
            throw new IllegalStateException("incident " + incident.incidentId() + " has no alert, log or change to explain");
        }
        RootRanker.Verdict verdict = ranker.rank(signals, incident.group());
        Signal top = verdict.top();
        String own = ownService(incident);
        String summary = summary(verdict, own);
        String rootCause = rootCause(verdict, incident);
        List<Evidence> evidence = new ArrayList<>();
        verdict.rootSignals().stream().limit(4).forEach(s -> evidence.add(new Evidence(s.kind(), s.ref(), s.quote())));
        verdict.symptoms().stream().limit(4).forEach(s -> evidence.add(new Evidence(s.kind(), s.ref(), "symptom: " + s.quote())));
        double confidence = Math.round(Math.max(0.15, Math.min(0.95, verdict.score())) * 100) / 100.0;
        AnalysisResult result = new AnalysisResult(summary, rootCause, verdict.service(), top.category(), top.severity(),
                confidence, evidence, actions(verdict));
        return new Outcome(top.ruleId(), top.category(), result);
    }

    private static String summary(RootRanker.Verdict verdict, String own) {
        Signal top = verdict.top();
        String root = verdict.service();
        String statement = root + " " + top.finding();
        if (top.kind().equals("change") && verdict.rootSignals().size() > 1) {
            statement = statement + " and since " + verdict.rootSignals().get(1).finding();
        }
        if (!own.isEmpty() && !own.equalsIgnoreCase(root)) {
            return "Symptom of " + root + ": " + statement;
        }
        Set<String> others = new LinkedHashSet<>();
        verdict.symptoms().forEach(s -> others.add(s.service().isEmpty() ? s.host() : s.service()));
        others.removeIf(o -> o.isEmpty() || o.equalsIgnoreCase(root));
        return others.isEmpty() ? statement
                : statement + "; the problems of " + String.join(", ", others) + " follow from it";
    }

    private static String rootCause(RootRanker.Verdict verdict, IncidentEvidence incident) {
        Signal top = verdict.top();
        if (top.kind().equals("change")) {
            top = verdict.rootSignals().size() > 1 ? verdict.rootSignals().get(1) : top;
        }
        StringBuilder text = new StringBuilder();
        if (!top.explanation().isBlank()) {
            text.append(top.explanation().trim());
            if (!text.toString().endsWith(".")) {
                text.append('.');
            }
            text.append(' ');
        }
        if (top.category().equals("dependency") && !top.targets().isEmpty()) {
            text.append(verdict.service()).append(" cannot work with ").append(String.join(", ", top.targets()))
                    .append(", which shows no problem of its own here. ");
        }
        List<String> quotes = verdict.rootSignals().stream().limit(QUOTED).map(Signal::quote).toList();
        text.append("Evidence: ").append(String.join("; ", quotes)).append('.');
        incident.metrics().stream().findFirst().ifPresent(m -> text.append(" Metric ").append(m.query()).append(": from ")
                .append(number(m.min())).append(" to ").append(number(m.max())).append(", last ").append(number(m.last())).append('.'));
        if (!verdict.reasons().isEmpty()) {
            text.append(" Taken as the root because ").append(String.join(" and ", verdict.reasons())).append('.');
        }
        Set<String> symptoms = new LinkedHashSet<>();
        verdict.symptoms().forEach(s -> symptoms.add(s.quote()));
        if (!symptoms.isEmpty()) {
            text.append(" Symptoms: ").append(String.join("; ", symptoms.stream().limit(QUOTED).toList()))
                    .append(symptoms.size() > QUOTED ? " and " + (symptoms.size() - QUOTED) + " more." : ".");
        }
        return text.toString();
    }

    private List<SuggestedAction> actions(RootRanker.Verdict verdict) {
        List<SuggestedAction> actions = new ArrayList<>();
        for (Signal signal : verdict.rootSignals()) {
            if (signal.rule() == null || signal.rule().actions().isEmpty()) {
                continue;
            }
            Map<String, String> values = SignalCollector.values(signal.labels(), signal.service(), signal.host());
            for (AnalystRule.ActionTemplate template : signal.rule().actions()) {
                Map<String, Object> parameters = new LinkedHashMap<>();
                template.parameters().forEach((k, v) -> parameters.put(k, v instanceof String s ? Texts.fill(s, values) : v));
                boolean complete = parameters.values().stream().noneMatch(v -> v instanceof String s && s.isBlank());
                if (complete && catalog.contains(template.actionId())
                        && catalog.validateParameters(template.actionId(), parameters).isEmpty()) {
                    actions.add(new SuggestedAction(template.actionId(), parameters, Texts.fill(template.reason(), values)));
                }
            }
            break;
        }
        return actions;
    }

    private static String ownService(IncidentEvidence incident) {
        for (IncidentEvidence.AlertEvidence alert : incident.alerts()) {
            String service = LabelSemantics.service(alert.labels());
            if (!service.isEmpty()) {
                return service;
            }
        }
        return incident.templates().isEmpty() ? "" : incident.templates().get(0).service();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.3g", value);
    }
}
