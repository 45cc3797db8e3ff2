package io.aiopshub.chat.command;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.incident.SilenceService;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.policy.EffectivenessBreaker;

/** {@code status}: hub health (status only, as without a token), open incidents by severity, breakers, approvals. */
@Component
public class StatusCommand {

    private static final List<String> SEVERITY_ORDER = List.of("critical", "high", "warning", "info");

    private final ObjectProvider<HealthEndpoint> health;
    private final JdbcTemplate jdbc;
    private final EffectivenessBreaker breakers;
    private final SilenceService silences;
    private final Clock clock;

    public StatusCommand(ObjectProvider<HealthEndpoint> health, JdbcTemplate jdbc, EffectivenessBreaker breakers,
                         SilenceService silences, Clock clock) {
        this.health = health;
        this.jdbc = jdbc;
        this.breakers = breakers;
        this.silences = silences;
        this.clock = clock;
    }

    public ChatAnswer status() {
        HealthEndpoint endpoint = health.getIfAvailable();
        String hub = endpoint == null ? "unknown" : endpoint.health().getStatus().getCode();
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        SEVERITY_ORDER.forEach(severity -> bySeverity.put(severity, 0L));
        jdbc.query("select severity, count(*) from incidents where status = ? group by severity",
                rs -> { bySeverity.merge(rs.getString(1), rs.getLong(2), Long::sum); }, IncidentEngine.FIRING);
        long open = bySeverity.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder severities = new StringBuilder();
        bySeverity.forEach((severity, count) -> severities.append(severities.length() == 0 ? "" : ", ")
                .append(severity).append(' ').append(count));
        Long pending = jdbc.queryForObject("select count(*) from action_runs where state = ?", Long.class,
                ActionRunState.AWAITING_APPROVAL.id());
        return ChatAnswer.reply("Hub: " + hub
                + "\nOpen incidents: " + open + " (" + severities + ")"
                + "\nActive silences: " + silences.active(clock.instant()).size()
                + "\nOpen breakers: " + breakers.open().size()
                + "\nPending approvals: " + pending);
    }
}
