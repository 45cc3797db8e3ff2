package io.aiopshub.rca.rules;

import java.util.List;
import java.util.Map;

import io.aiopshub.rca.group.GroupContext;
import io.aiopshub.redact.Redactor;

/**
 * What an analyst sees of an incident: its alerts' labels, its log templates, its metric context and its
 * correlated group ({@link GroupContext#alone} when it is related to nothing).
 */
public record IncidentEvidence(String incidentId, String title, String severity, List<AlertEvidence> alerts,
                               List<TemplateEvidence> templates, List<MetricEvidence> metrics, GroupContext group) {

    public IncidentEvidence {
        group = group == null ? GroupContext.alone(incidentId) : group;
    }

    public IncidentEvidence(String incidentId, String title, String severity, List<AlertEvidence> alerts,
                            List<TemplateEvidence> templates, List<MetricEvidence> metrics) {
        this(incidentId, title, severity, alerts, templates, metrics, null);
    }

    /** This evidence with its group context; the correlation fills it in before the analysts run. */
    public IncidentEvidence withGroup(GroupContext context) {
        return new IncidentEvidence(incidentId, title, severity, alerts, templates, metrics, context);
    }

    public IncidentEvidence(String incidentId, String title, String severity, List<AlertEvidence> alerts,
                            List<TemplateEvidence> templates) {
        this(incidentId, title, severity, alerts, templates, List.of());
    }

    /**
     * This evidence with every text that came from outside redacted: the title, label values (by their
     * names, so {@code db_password} is masked whole), log templates and their example lines, metric
     * queries and series labels. Analysts, prompts, stored analyses and the similarity index are built
     * from this, so none of them can carry a secret the incident's alerts or logs contained.
     */
    public IncidentEvidence redacted(Redactor redactor) {
        return new IncidentEvidence(incidentId, redactor.redact(title), severity,
                alerts.stream().map(a -> new AlertEvidence(a.fingerprint(), a.status(), redactor.redactValues(a.labels()))).toList(),
                templates.stream().map(t -> new TemplateEvidence(t.service(), t.templateId(), redactor.redact(t.template()),
                        t.occurrences(), t.examples() == null ? List.<String>of()
                        : t.examples().stream().map(redactor::redact).toList())).toList(),
                metrics.stream().map(m -> new MetricEvidence(redactor.redact(m.query()), redactor.redact(m.series()),
                        m.min(), m.max(), m.last())).toList(), group);
    }

    /** A metric series around the incident's start, summarised: the LLM gets numbers, not raw points. */
    public record MetricEvidence(String query, String series, double min, double max, double last) { }

    public record AlertEvidence(String fingerprint, String status, Map<String, String> labels) { }

    /** A log template; {@code examples} are a few redacted lines that matched it. */
    public record TemplateEvidence(String service, String templateId, String template, long occurrences, List<String> examples) {

        public TemplateEvidence(String service, String templateId, String template, long occurrences) {
            this(service, templateId, template, occurrences, List.of());
        }
    }
}
