package io.aiopshub.llm.rules;

import java.util.List;
import java.util.Map;

/** What an analyst sees of an incident: its alerts' labels, its log templates and its metric context. */
public record IncidentEvidence(String incidentId, String title, String severity, List<AlertEvidence> alerts,
                               List<TemplateEvidence> templates, List<MetricEvidence> metrics) {

    public IncidentEvidence(String incidentId, String title, String severity, List<AlertEvidence> alerts,
                            List<TemplateEvidence> templates) {
        this(incidentId, title, severity, alerts, templates, List.of());
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
