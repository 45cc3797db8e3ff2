package io.aiopshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.catalog.Risk;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.ActionRunStore;
import io.aiopshub.remediation.run.Move;
import io.aiopshub.remediation.run.ProposerKind;
import io.aiopshub.support.Payloads;
import io.aiopshub.support.RawHttp;

/**
 * What the console tests do to the hub beside the browser: raise an incident through the ingest API (applied at
 * once, not on the engine's tick) and put an action run in front of the approvers.
 */
final class ConsoleHub {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };

    private final int port;
    private final String token;
    private final IncidentEngine engine;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    ConsoleHub(int port, String token, IncidentEngine engine, JdbcTemplate jdbc) {
        this.port = port;
        this.token = token;
        this.engine = engine;
        this.jdbc = jdbc;
    }

    /** A firing alert with these labels (alertname included) and summary; answers the incident it joined. */
    String raise(Map<String, String> labels, String summary) throws Exception {
        return raise(labels, summary, "firing");
    }

    /** An alert as Alertmanager sends it (started a minute ago; a resolved one ended now); answers its incident. */
    String raise(Map<String, String> labels, String summary, String status) throws Exception {
        RawHttp.Answer sent = new RawHttp(port).send("POST", "/api/v1/alerts/alertmanager",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
                Payloads.alertmanager(status, Instant.now().minusSeconds(60), "resolved".equals(status) ? Instant.now() : null,
                        labels, summary).getBytes(StandardCharsets.UTF_8));
        assertThat(sent.status()).isEqualTo(202);
        while (engine.applyInbox() > 0) {
            // drain
        }
        // The newest alert that carries all these labels: tests reuse an alertname with other labels.
        return jdbc.query("select incident_id, labels_json from alerts where alertname = ? order by id desc",
                        (rs, row) -> Map.entry(rs.getString(1), rs.getString(2)), labels.get("alertname")).stream()
                .filter(alert -> labelsOf(alert.getValue()).entrySet().containsAll(labels.entrySet()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** A run of restart_service_ssh on the incident, proposed by a rule and waiting for a person's approval. */
    ActionRun awaitingApproval(ActionRunStore runs, String incident, String proposer) {
        ActionRun run = runs.insert(new ActionRunStore.NewRun(incident, "restart_service_ssh", "ssh", Risk.MEDIUM,
                "127.0.0.1", Map.of("host", "127.0.0.1", "service", "nginx"), "rule:" + proposer, ProposerKind.RULE,
                proposer + ":" + java.util.UUID.randomUUID(), "proposed for " + proposer)).orElseThrow();
        runs.move(run.id(), Move.of(ActionRunState.PROPOSED, ActionRunState.AWAITING_APPROVAL).by("rule:" + proposer)
                .because("waits for a person"));
        return run;
    }

    private Map<String, String> labelsOf(String labelsJson) {
        try {
            return json.readValue(labelsJson, LABELS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable labels of a stored alert: " + labelsJson, e);
        }
    }
}
