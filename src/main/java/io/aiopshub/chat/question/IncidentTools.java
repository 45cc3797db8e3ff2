package io.aiopshub.chat.question;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.aiopshub.chat.command.ChatCommandException;
import io.aiopshub.chat.command.CommandParser;
import io.aiopshub.chat.command.ShortIds;
import io.aiopshub.chat.command.Texts;
import io.aiopshub.chat.command.Verb;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.store.IncidentEntity;
import io.aiopshub.store.IncidentRepository;

/** Incidents, their latest analysis, alerts and timeline, for the model: reads only. */
@Component
public class IncidentTools implements QuestionTool {

    static final int LIST_SIZE = 20;
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F][0-9a-fA-F-]{5,35}");

    private final IncidentRepository incidents;
    private final ShortIds ids;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public IncidentTools(IncidentRepository incidents, ShortIds ids, JdbcTemplate jdbc, ObjectMapper json) {
        this.incidents = incidents;
        this.ids = ids;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Tool(name = "list_incidents", value = "Incidents known to the hub, newest first (at most 20), with id, severity, "
            + "title, service, status and start time.")
    public String listIncidents(@P(value = "only this service; empty for all", required = false) String service,
                                @P(value = "only this severity: critical, high, warning or info; empty for all", required = false) String severity,
                                @P(value = "firing (open, the default) or resolved", required = false) String status) {
        String state = blank(status) ? IncidentEngine.FIRING : status.trim().toLowerCase(Locale.ROOT);
        if (!List.of(IncidentEngine.FIRING, IncidentEngine.RESOLVED).contains(state)) {
            return "error: status must be firing or resolved";
        }
        String level = blank(severity) ? null : severity.trim().toLowerCase(Locale.ROOT);
        if (level != null && !CommandParser.SEVERITIES.contains(level)) {
            return "error: severity must be one of " + CommandParser.SEVERITIES;
        }
        Page<IncidentEntity> page = incidents.search(state, level, blank(service) ? null : service.trim(), null, null,
                PageRequest.of(0, LIST_SIZE));
        if (page.getTotalElements() == 0) {
            return "no " + state + " incidents match";
        }
        StringBuilder text = new StringBuilder(page.getTotalElements() + " " + state + " incidents match"
                + (page.getTotalElements() > LIST_SIZE ? " (newest " + LIST_SIZE + " listed)" : "") + ":");
        for (IncidentEntity incident : page.getContent()) {
            text.append("\n- id ").append(incident.getId()).append(", ").append(incident.getSeverity()).append(", ")
                    .append(Texts.line(incident.getTitle(), 150)).append(", service ")
                    .append(incident.getService() == null ? "-" : incident.getService())
                    .append(", since ").append(Texts.time(incident.getCreatedAt()))
                    .append(incident.getAckedBy() == null ? "" : ", acknowledged by " + incident.getAckedBy());
        }
        return text.toString();
    }

    @Tool(name = "incident_details", value = "One incident: its state, alerts with labels, latest analysis (summary, "
            + "root cause, suggested actions) and the latest timeline entries.")
    public String incidentDetails(@P("the incident id, or at least its first 8 characters") String id) {
        if (id == null || !ID.matcher(id.trim()).matches()) {
            return "error: give an incident id (hexadecimal, at least 6 characters)";
        }
        String full;
        try {
            full = ids.resolve(ShortIds.Kind.INCIDENT, id.trim().toLowerCase(Locale.ROOT), Verb.INCIDENT);
        } catch (ChatCommandException e) {
            return "error: " + e.getMessage();
        }
        IncidentEntity incident = incidents.findById(full).orElse(null);
        if (incident == null) {
            return "error: no incident " + id;
        }
        StringBuilder text = new StringBuilder("incident ").append(full).append(": ").append(Texts.line(incident.getTitle(), 200))
                .append("\nstatus ").append(incident.getStatus()).append(", severity ").append(incident.getSeverity())
                .append(", service ").append(incident.getService() == null ? "-" : incident.getService())
                .append(", since ").append(Texts.time(incident.getCreatedAt()))
                .append(incident.getResolvedAt() == null ? "" : ", resolved " + Texts.time(incident.getResolvedAt()))
                .append(incident.getAckedBy() == null ? "" : ", acknowledged by " + incident.getAckedBy());
        jdbc.query("select status, labels_json from alerts where incident_id = ? order by id fetch first 10 rows only",
                rs -> { text.append("\nalert [").append(rs.getString(1)).append("] ").append(Texts.line(rs.getString(2), 400)); }, full);
        text.append('\n').append(analysis(full));
        List<String> timeline = jdbc.query("select at, kind, actor, detail from timeline_entries where incident_id = ? "
                + "order by id desc fetch first 8 rows only", (rs, i) -> "\ntimeline " + Texts.time(rs.getTimestamp("at").toInstant())
                + " " + rs.getString("kind") + (rs.getString("actor") == null ? "" : " by " + rs.getString("actor"))
                + (blank(rs.getString("detail")) ? "" : ": " + Texts.line(rs.getString("detail"), 200)), full);
        for (int i = timeline.size() - 1; i >= 0; i--) {
            text.append(timeline.get(i));
        }
        return text.toString();
    }

    private String analysis(String incidentId) {
        List<String[]> latest = jdbc.query("select provider, result_json from incident_analyses where incident_id = ? "
                + "order by id desc fetch first 1 rows only", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, incidentId);
        if (latest.isEmpty()) {
            return "analysis: none yet";
        }
        try {
            JsonNode result = json.readTree(latest.get(0)[1]);
            StringBuilder text = new StringBuilder("analysis by ").append(latest.get(0)[0]).append(": ")
                    .append(Texts.line(result.path("summary").asText(""), 400))
                    .append("\nroot cause: ").append(Texts.line(result.path("root_cause").asText("-"), 400))
                    .append(" (confidence ").append(result.path("confidence").asText("?")).append(')');
            for (JsonNode action : result.path("suggested_actions")) {
                text.append("\nsuggested action ").append(action.path("action_id").asText("?")).append(' ')
                        .append(action.path("parameters").toString()).append(": ")
                        .append(Texts.line(action.path("reason").asText(""), 200));
            }
            return text.toString();
        } catch (JsonProcessingException e) {
            return "analysis: stored but unreadable";
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
