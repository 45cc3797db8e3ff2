package io.aiopshub.chat.command;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatUser;
import io.aiopshub.incident.IncidentDispatcher;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.store.IncidentEntity;
import io.aiopshub.store.IncidentRepository;

/** {@code incidents}, {@code incident <id>} and {@code ack <id> [comment]}, on the services the API uses. */
@Component
public class IncidentCommands {

    /** Incidents listed in one answer; the answer says how many more there are. */
    static final int LIST_SIZE = 10;
    /** Latest timeline entries shown with an incident. */
    static final int TIMELINE_TAIL = 5;

    private final IncidentRepository incidents;
    private final IncidentDispatcher dispatcher;
    private final ShortIds ids;
    private final ChatPermissions permissions;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public IncidentCommands(IncidentRepository incidents, IncidentDispatcher dispatcher, ShortIds ids,
                            ChatPermissions permissions, JdbcTemplate jdbc, ObjectMapper json) {
        this.incidents = incidents;
        this.dispatcher = dispatcher;
        this.ids = ids;
        this.permissions = permissions;
        this.jdbc = jdbc;
        this.json = json;
    }

    public ChatAnswer list(ChatCommand.Incidents command) {
        Page<IncidentEntity> page = incidents.search(IncidentEngine.FIRING, command.severity(), command.service(),
                null, null, PageRequest.of(0, LIST_SIZE));
        String filter = command.service() != null ? " of " + command.service()
                : command.severity() != null ? " with severity " + command.severity() : "";
        if (page.getTotalElements() == 0) {
            return ChatAnswer.reply("No open incidents" + filter + ".");
        }
        StringBuilder text = new StringBuilder("Open incidents" + filter + ": " + page.getTotalElements()
                + (page.getTotalElements() > LIST_SIZE ? " (newest " + LIST_SIZE + " shown)" : "") + "\n");
        for (IncidentEntity incident : page.getContent()) {
            text.append("• ").append(Texts.shortId(incident.getId())).append(' ').append(incident.getSeverity())
                    .append(' ').append(Texts.line(incident.getTitle(), 100))
                    .append(" (service ").append(incident.getService() == null ? "-" : incident.getService())
                    .append(", since ").append(Texts.time(incident.getCreatedAt()))
                    .append(incident.getAckedBy() == null ? "" : ", acked by " + incident.getAckedBy()).append(")\n");
        }
        return ChatAnswer.reply(text.toString().trim());
    }

    public ChatAnswer show(ChatCommand.ShowIncident command) {
        String id = ids.resolve(ShortIds.Kind.INCIDENT, command.id(), Verb.INCIDENT);
        IncidentEntity incident = incidents.findById(id)
                .orElseThrow(() -> new ChatCommandException("incident: no incident " + command.id()));
        StringBuilder text = new StringBuilder();
        text.append("Incident ").append(incident.getId()).append('\n')
                .append(Texts.line(incident.getTitle(), 200)).append('\n')
                .append(incident.getStatus()).append(", ").append(incident.getSeverity())
                .append(", service ").append(incident.getService() == null ? "-" : incident.getService())
                .append(", since ").append(Texts.time(incident.getCreatedAt()));
        if (incident.getResolvedAt() != null) {
            text.append(", resolved ").append(Texts.time(incident.getResolvedAt()));
        }
        if (incident.getAckedBy() != null) {
            text.append("\nAcked by ").append(incident.getAckedBy()).append(' ').append(Texts.time(incident.getAckedAt()))
                    .append(incident.getAckComment() == null ? "" : ": " + Texts.line(incident.getAckComment(), 200));
        }
        text.append('\n').append(analysis(id));
        List<String> timeline = jdbc.query("select at, kind, actor, detail from timeline_entries where incident_id = ? "
                        + "order by id desc fetch first " + TIMELINE_TAIL + " rows only",
                (rs, i) -> "• " + Texts.time(rs.getTimestamp("at").toInstant()) + " " + rs.getString("kind")
                        + (rs.getString("actor") == null ? "" : " by " + rs.getString("actor"))
                        + (rs.getString("detail") == null || rs.getString("detail").isBlank() ? ""
                                : ": " + Texts.line(rs.getString("detail"), 120)), id);
        text.append("\nLatest timeline:");
        for (int i = timeline.size() - 1; i >= 0; i--) {
            text.append('\n').append(timeline.get(i));
        }
        return ChatAnswer.reply(text.toString());
    }

    public ChatAnswer acknowledge(ChatUser user, ChatCommand.Ack command) {
        permissions.requireOperator(user, Verb.ACK);
        String id = ids.resolve(ShortIds.Kind.INCIDENT, command.id(), Verb.ACK);
        IncidentEntity incident = acknowledge(id, user, command.comment())
                .orElseThrow(() -> new ChatCommandException("ack: no incident " + command.id()));
        return ChatAnswer.announcement("Incident " + Texts.shortId(id) + " (" + Texts.line(incident.getTitle(), 100)
                + ") acknowledged by " + user.identity()
                + (command.comment() == null ? "." : ": " + Texts.line(command.comment(), 200)));
    }

    /** The dispatcher already makes an ack again that met a concurrent update; only one that kept meeting them ends here. */
    private Optional<IncidentEntity> acknowledge(String id, ChatUser user, String comment) {
        try {
            return dispatcher.acknowledge(id, user.identity(), comment);
        } catch (OptimisticLockingFailureException e) {
            throw new ChatCommandException("ack: the incident kept changing while acknowledging it; try again");
        }
    }

    /** The latest analysis in two lines, or that there is none yet. */
    private String analysis(String incidentId) {
        List<String[]> latest = jdbc.query("select provider, result_json from incident_analyses where incident_id = ? "
                + "order by id desc fetch first 1 rows only", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, incidentId);
        if (latest.isEmpty()) {
            return "Analysis: none yet.";
        }
        JsonNode result;
        try {
            result = json.readTree(latest.get(0)[1]);
        } catch (JsonProcessingException e) {
            return "Analysis: stored, but unreadable.";
        }
        String summary = result.path("summary").asText("");
        String rootCause = result.path("root_cause").asText("");
        return "Analysis (" + latest.get(0)[0] + "): " + Texts.line(summary, 300)
                + (rootCause.isBlank() ? "" : "\nRoot cause: " + Texts.line(rootCause, 300));
    }
}
