package io.aiopshub.llm.rules;

import java.util.List;
import java.util.Map;

/** What an analyst sees of an incident: its alerts' labels and its log templates. */
public record IncidentEvidence(String incidentId, String title, String severity, List<AlertEvidence> alerts,
                               List<TemplateEvidence> templates) {

    public record AlertEvidence(String fingerprint, String status, Map<String, String> labels) { }

    public record TemplateEvidence(String service, String templateId, String template, long occurrences) { }
}
