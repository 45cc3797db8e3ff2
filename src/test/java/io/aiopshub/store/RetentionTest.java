package io.aiopshub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import io.aiopshub.incident.IncidentDispatcher;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.support.MutableClock;
import io.aiopshub.support.Payloads;
import io.aiopshub.support.TestClockConfig;

/**
 * Retention deletes a resolved incident older than its retention with everything that hangs off it,
 * and keeps open incidents, recently resolved ones, incidents with a notification still to send,
 * active silences and recently seen log templates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:retention;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "aiops.routing.file=src/test/resources/test-alert-routing.yaml",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
@Import(TestClockConfig.class)
class RetentionTest {

    @Autowired TestRestTemplate http;
    @Autowired MutableClock clock;
    @Autowired IncidentEngine engine;
    @Autowired IncidentDispatcher dispatcher;
    @Autowired RetentionService retention;
    @Autowired JdbcTemplate jdbc;

    @Test
    void oldResolvedIncidentsGoWithTheirChildrenTheRestStays() {
        Instant start = clock.instant().minusSeconds(60);
        Map<String, String> cpu = Map.of("alertname", "HighCPU", "service", "api", "severity", "critical");
        Map<String, String> disk = Map.of("alertname", "DiskFull", "service", "db", "severity", "critical");
        Map<String, String> mem = Map.of("alertname", "HighMemory", "service", "web", "severity", "critical");
        post(Payloads.alertmanagerBatch("firing", Payloads.alert("firing", start, null, cpu, "CPU high"),
                // still firing a year from now (Alertmanager keeps re-sending it)
                Payloads.alert("firing", start, start.plus(Duration.ofDays(365)), disk, "disk full"), Payloads.alert("firing", start, null, mem, "memory")));
        tick();
        clock.advance(Duration.ofSeconds(30));
        tick();
        post(Payloads.alertmanagerBatch("resolved", Payloads.alert("resolved", start, clock.instant(), cpu, "CPU high"),
                Payloads.alert("resolved", start, clock.instant(), mem, "memory")));
        tick();
        clock.advance(Duration.ofMinutes(5));
        tick();
        // everything delivered, except one memory notification still being retried
        jdbc.update("update notifications set status = 'SENT', sent_at = ?", ts(clock.instant()));
        jdbc.update("insert into notifications (incident_id, channel, kind, status, attempts, next_attempt_at, content_json, "
                + "created_at, updated_at) select id, 'webhook', 'RESOLVED', 'PENDING', 3, ?, '{}', ?, ? from incidents "
                + "where group_labels_json like '%HighMemory%'", ts(clock.instant()), ts(clock.instant()), ts(clock.instant()));
        String cpuIncident = jdbc.queryForObject("select id from incidents where group_labels_json like '%HighCPU%'", String.class);
        assertThat(jdbc.queryForObject("select status from incidents where id = ?", String.class, cpuIncident)).isEqualTo("resolved");
        assertThat(count("alerts where incident_id = '" + cpuIncident + "'")).isPositive();
        assertThat(count("timeline_entries where incident_id = '" + cpuIncident + "'")).isPositive();
        assertThat(count("notifications where incident_id = '" + cpuIncident + "'")).isPositive();

        jdbc.update("insert into silences (id, matchers_json, starts_at, ends_at, created_by, comment, created_at) values "
                + "('ended', '[]', ?, ?, 'ops', 'maintenance', ?), ('active', '[]', ?, ?, 'ops', 'long change freeze', ?)",
                ts(start), ts(start.plusSeconds(3600)), ts(start), ts(start), ts(start.plus(Duration.ofDays(200))), ts(start));
        jdbc.update("insert into log_templates (service, template_id, template, occurrences, first_seen_at, last_seen_at) values "
                + "('api', 'old', 'Cache warmup took <*>', 3, ?, ?), ('api', 'recent', 'Request timed out <*>', 9, ?, ?)",
                ts(start), ts(start), ts(start), ts(start.plus(Duration.ofDays(80))));
        jdbc.update("insert into inbox_dead_letters (id, source, fingerprint, status, labels_json, annotations_json, "
                + "starts_at, received_at, failed_at, error) values (1, 'x', 'f1', 'firing', '{}', '{}', ?, ?, ?, 'old'), "
                + "(2, 'x', 'f2', 'firing', '{}', '{}', ?, ?, ?, 'recent')", ts(start), ts(start), ts(start),
                ts(start), ts(start), ts(start.plus(Duration.ofDays(80))));

        clock.advance(Duration.ofDays(89));
        assertThat(retention.purge()).as("incidents are kept 90 days, silences, idle templates and dead letters 30")
                .isEqualTo(new RetentionService.Purged(0, 1, 1, 1));

        clock.advance(Duration.ofDays(2));
        assertThat(retention.purge()).isEqualTo(new RetentionService.Purged(1, 0, 0, 0));

        assertThat(count("incidents where id = '" + cpuIncident + "'")).isZero();
        for (String child : new String[] {"alerts", "timeline_entries", "notifications", "incident_log_templates",
                "incident_analyses", "incident_metric_context"}) {
            assertThat(count(child + " where incident_id = '" + cpuIncident + "'")).as(child).isZero();
        }
        assertThat(jdbc.queryForList("select group_labels_json from incidents", String.class))
                .as("the open one, and the one with a notification still to send")
                .hasSize(2).anyMatch(t -> t.contains("DiskFull")).anyMatch(t -> t.contains("HighMemory"));
        assertThat(jdbc.queryForList("select id from silences", String.class)).containsExactly("active");
        assertThat(jdbc.queryForList("select template_id from log_templates", String.class)).containsExactly("recent");
        assertThat(jdbc.queryForList("select error from inbox_dead_letters", String.class)).containsExactly("recent");
    }

    private void tick() {
        while (engine.applyInbox() > 0) {
            // drain
        }
        dispatcher.flushDue();
        dispatcher.flushDue();
    }

    private void post(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.exchange(URI.create(http.getRootUri() + "/api/v1/alerts/alertmanager"), HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class).getStatusCode().value()).isEqualTo(202);
    }

    private long count(String fromWhere) {
        return jdbc.queryForObject("select count(*) from " + fromWhere, Long.class);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
