package io.aiopshub.rca.llm;

import java.util.ArrayList;
import java.util.List;

import io.aiopshub.rca.analysis.AnalysisSchema;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.redact.Redactor;
import io.aiopshub.rca.rules.IncidentEvidence;

/**
 * The root-cause prompt, built from an incident's evidence by priority (instructions and schema, the
 * incident, its alerts, then its log templates by frequency) and cut to the token budget by dropping
 * whole items from the end, never by truncating text. Everything is redacted before it leaves.
 */
public class PromptBuilder {

    private final Redactor redactor;
    private final ActionCatalog catalog;
    private final int tokenBudget;

    public PromptBuilder(Redactor redactor, ActionCatalog catalog, int tokenBudget) {
        this.redactor = redactor;
        this.catalog = catalog;
        this.tokenBudget = tokenBudget;
    }

    public String build(IncidentEvidence incident) {
        return build(incident, java.util.List.of(), java.util.List.of());
    }

    public String build(IncidentEvidence evidence, java.util.List<io.aiopshub.rca.similar.SimilarIncidents.Match> similar,
                        java.util.List<io.aiopshub.rca.similar.Runbooks.Section> runbooks) {
        // Label values by their names first (a password with spaces is masked whole), then every part as text.
        IncidentEvidence incident = evidence.redacted(redactor);
        List<String> required = new ArrayList<>();
        required.add("You are an SRE assistant. Explain the incident below: what is wrong, why, how sure you are, "
                + "and which catalogued action would help (or none). Answer with one JSON object matching this schema "
                + "and nothing else:\n" + AnalysisSchema.json(catalog));
        required.add("Incident: " + incident.title() + " (severity " + incident.severity() + ")");
        List<String> optional = new ArrayList<>();
        for (IncidentEvidence.AlertEvidence alert : incident.alerts()) {
            optional.add("Alert " + alert.fingerprint() + " [" + alert.status() + "] labels " + alert.labels());
        }
        for (IncidentEvidence.TemplateEvidence template : incident.templates()) {
            optional.add("Log template " + template.templateId() + " of " + template.service() + ", " + template.occurrences()
                    + " lines: " + template.template()
                    + (template.examples().isEmpty() ? "" : "\n  e.g. " + String.join("\n  e.g. ", template.examples())));
        }
        for (IncidentEvidence.MetricEvidence metric : incident.metrics()) {
            optional.add("Metric " + metric.query() + " " + metric.series() + ": min " + metric.min() + ", max "
                    + metric.max() + ", last " + metric.last());
        }
        for (io.aiopshub.rca.similar.Runbooks.Section section : runbooks) {
            optional.add("Runbook " + section.heading() + ": " + section.text().replace('\n', ' '));
        }
        for (io.aiopshub.rca.similar.SimilarIncidents.Match match : similar) {
            optional.add("Similar past incident " + match.title() + " (similarity " + String.format(java.util.Locale.ROOT,
                    "%.2f", match.score()) + "), root cause then: " + match.rootCause());
        }
        StringBuilder prompt = new StringBuilder();
        for (String part : required) {
            prompt.append(redactor.redact(part)).append("\n\n");
        }
        int budgetChars = tokenBudget * 4;
        int dropped = 0;
        for (String part : optional) {
            String line = redactor.redact(part) + "\n";
            if (prompt.length() + line.length() > budgetChars) {
                dropped++;
                continue;
            }
            prompt.append(line);
        }
        if (dropped > 0) {
            prompt.append("(").append(dropped).append(" lower-priority items left out to stay within the budget)\n");
        }
        return prompt.toString();
    }
}
