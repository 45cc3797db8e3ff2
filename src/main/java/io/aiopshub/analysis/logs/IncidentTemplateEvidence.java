package io.aiopshub.analysis.logs;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiopshub.store.OpenIncidentLookup;

/**
 * Attaches log templates to the incident that an event about them became part of (table
 * {@code incident_log_templates}): what notifications and the LLM are shown instead of raw logs.
 */
@Component
public class IncidentTemplateEvidence {

    /** One template to attach to whichever open incident holds the alert with this fingerprint. */
    public record Pending(String fingerprint, String service, LogTemplate template, List<String> examples) { }

    private final JdbcTemplate jdbc;
    private final OpenIncidentLookup openIncidents;
    private final ObjectMapper json;

    public IncidentTemplateEvidence(JdbcTemplate jdbc, OpenIncidentLookup openIncidents, ObjectMapper json) {
        this.jdbc = jdbc;
        this.openIncidents = openIncidents;
        this.json = json;
    }

    /** Attaches what it can; returns the entries whose incident does not exist yet. */
    public List<Pending> attach(List<Pending> pending) {
        return pending.stream().filter(p -> !attach(p)).toList();
    }

    private boolean attach(Pending p) {
        List<String> incidents = openIncidents.holdingAlert(p.fingerprint());
        if (incidents.isEmpty()) {
            return false;
        }
        String examples;
        try {
            examples = json.writeValueAsString(p.examples());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (String incident : incidents) {
            int updated = jdbc.update("update incident_log_templates set template = ?, occurrences = ?, examples_json = ?, "
                    + "last_seen_at = ? where incident_id = ? and service = ? and template_id = ?", p.template().template(),
                    p.template().count(), examples, Timestamp.from(p.template().lastSeen()), incident, p.service(), p.template().id());
            if (updated == 0) {
                jdbc.update("insert into incident_log_templates (incident_id, service, template_id, template, occurrences, "
                        + "examples_json, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?)", incident, p.service(),
                        p.template().id(), p.template().template(), p.template().count(), examples,
                        Timestamp.from(p.template().firstSeen()), Timestamp.from(p.template().lastSeen()));
            }
        }
        return true;
    }
}
