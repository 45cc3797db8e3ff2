package io.aiopshub.rca.llm;

import java.util.ArrayList;
import java.util.List;

import io.aiopshub.rca.analysis.AnalysisSchema;
import io.aiopshub.rca.group.ChangeEvent;
import io.aiopshub.rca.group.CorrelationGroup;
import io.aiopshub.rca.group.GroupContext;
import io.aiopshub.rca.group.RootCandidate;
import io.aiopshub.rca.rules.EvidenceServices;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.redact.Redactor;
import io.aiopshub.rca.rules.IncidentEvidence;

/**
 * The root-cause prompt, built from an incident's evidence by priority (instructions and schema, the
 * incident and the services it may blame; then its alerts, its correlated group (members, root candidates,
 * changes), the log templates of the incident and of the group, the topology, metrics, runbooks and similar
 * incidents) and cut to the token budget by dropping
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

    /**
     * The correlated group, most telling first: the other incidents (when each started), the correlation's root
     * candidates with its reasons, then the change events.
     */
    private static List<String> groupParts(GroupContext context) {
        List<String> parts = new ArrayList<>();
        for (CorrelationGroup.Member member : context.group().members()) {
            parts.add("Group member " + member.incidentId() + " [" + member.role().name().toLowerCase(java.util.Locale.ROOT)
                    + "] service " + blank(member.service()) + ", host " + blank(member.host()) + ", started "
                    + member.startedAt() + ": " + member.title() + " (severity " + member.severity() + ")");
        }
        for (RootCandidate candidate : context.candidates()) {
            parts.add("Root candidate " + candidate.service() + String.format(java.util.Locale.ROOT, " (score %.2f)", candidate.score())
                    + (candidate.reasons().isEmpty() ? "" : ": " + String.join("; ", candidate.reasons())));
        }
        for (ChangeEvent change : context.changes()) {
            parts.add("Change " + change.id() + " at " + change.at() + ": " + blank(change.type()) + " of service "
                    + blank(change.service()) + ", host " + blank(change.host()) + ": " + blank(change.summary()));
        }
        return parts;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? "-" : value;
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
        List<String> services = EvidenceServices.of(incident);
        if (!services.isEmpty()) {
            required.add("This incident may be a symptom of another service's problem: explain the whole group below and "
                    + "name as root_service the ONE service where the fault lies, one of: " + String.join(", ", services)
                    + ". If the fault is outside all of them (a third-party API, DNS, the network), name the service that "
                    + "depends on it and use category dependency.");
        }
        List<String> optional = new ArrayList<>();
        for (IncidentEvidence.AlertEvidence alert : incident.alerts()) {
            optional.add("Alert " + alert.fingerprint() + " [" + alert.status() + "] labels " + alert.labels());
        }
        optional.addAll(groupParts(incident.group()));
        List<IncidentEvidence.TemplateEvidence> templates = new ArrayList<>(incident.templates());
        incident.group().logEvidence().stream().filter(t -> incident.templates().stream().noneMatch(
                own -> own.templateId().equals(t.templateId()) && own.service().equals(t.service()))).forEach(templates::add);
        for (IncidentEvidence.TemplateEvidence template : templates) {
            optional.add("Log template " + template.templateId() + " of " + template.service() + ", " + template.occurrences()
                    + " lines: " + template.template()
                    + (template.examples().isEmpty() ? "" : "\n  e.g. " + String.join("\n  e.g. ", template.examples())));
        }
        incident.group().dependencies().forEach((service, deps) -> optional.add("Topology: " + service + " depends on "
                + String.join(", ", new java.util.TreeSet<>(deps))));
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
