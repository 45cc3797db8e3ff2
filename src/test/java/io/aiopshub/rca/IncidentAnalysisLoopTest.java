package io.aiopshub.rca;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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

import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.support.MutableClock;
import io.aiopshub.support.Payloads;
import io.aiopshub.support.TestClockConfig;

/**
 * The analysis loop (driven by hand) analyses a new incident once, leaves it alone while Alertmanager
 * repeats the same alert, and analyses it again when a new alert joins it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:analysis-loop;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "aiops.routing.file=src/test/resources/test-alert-routing.yaml",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
@Import(TestClockConfig.class)
class IncidentAnalysisLoopTest {

    @Autowired TestRestTemplate http;
    @Autowired MutableClock clock;
    @Autowired IncidentEngine engine;
    @Autowired IncidentAnalysisService analysis;
    @Autowired JdbcTemplate jdbc;

    @Test
    void analysesOnMaterialChangeOnly() {
        Instant start = clock.instant().minusSeconds(60);
        Map<String, String> first = Map.of("alertname", "HighLatency", "service", "checkout", "severity", "high",
                "instance", "10.0.0.1:8080");
        Map<String, String> second = Map.of("alertname", "HighLatency", "service", "checkout", "severity", "high",
                "instance", "10.0.0.2:8080");
        post(Payloads.alertmanager("firing", start, null, first, "p95 above 2s"));
        apply();

        assertThat(analysis.analyzePending()).isEqualTo(1);
        assertThat(analysis.analyzePending()).as("nothing changed").isZero();

        clock.advance(Duration.ofMinutes(1));
        post(Payloads.alertmanager("firing", start, null, first, "p95 above 2s"));
        apply();
        assertThat(analysis.analyzePending()).as("a repeat is not a change").isZero();

        post(Payloads.alertmanager("firing", start, null, second, "p95 above 2s"));
        apply();
        assertThat(analysis.analyzePending()).as("a second instance joined the incident").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(distinct signature) from incident_analyses", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from incident_analyses", Long.class)).isEqualTo(2);
    }

    @Test
    void anIncidentThatKeepsChangingIsLookedAtAgainOncePerRecheckInterval() {
        Instant start = clock.instant().minusSeconds(60);
        Map<String, String> labels = Map.of("alertname", "StormCheck", "service", "payments", "severity", "high");
        post(Payloads.alertmanager("firing", start, null, with(labels, "instance", "10.0.1.0:8080"), "errors"));
        apply();
        assertThat(analysis.analyzePending()).as("a new incident is analysed at once").isEqualTo(1);

        // A storm: the incident gains an alert before every run of the loop (2 s apart).
        for (int i = 1; i <= 4; i++) {
            clock.advance(Duration.ofSeconds(2));
            post(Payloads.alertmanager("firing", start, null, with(labels, "instance", "10.0.1." + i + ":8080"), "errors"));
            apply();
            assertThat(analysis.analyzePending()).as("run %d, %d s after the last look", i, 2 * i).isZero();
        }
        clock.advance(Duration.ofSeconds(2));
        assertThat(analysis.analyzePending()).as("10 s after the last look: all four new alerts at once").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from incident_analyses a join incidents i on i.id = a.incident_id "
                + "where i.title like 'StormCheck%'", Long.class)).isEqualTo(2);
    }

    @Test
    void anAnalysisReadsTheNewestAlertsOfAnIncidentNotAllOfAStorm() {
        Instant start = clock.instant().minusSeconds(60);
        Map<String, String> labels = Map.of("alertname", "StormEvidence", "service", "search", "severity", "high");
        int total = IncidentAnalysisService.MAX_ALERT_EVIDENCE + 100;
        for (int from = 0; from < total; from += 100) {
            String[] alerts = new String[100];
            for (int i = 0; i < 100; i++) {
                alerts[i] = Payloads.alert("firing", start, null, with(labels, "instance", "node-" + (from + i)), "slow");
            }
            post(Payloads.alertmanagerBatch("firing", alerts));
        }
        apply();
        String id = jdbc.queryForObject("select id from incidents where title like 'StormEvidence%'", String.class);
        assertThat(jdbc.queryForObject("select count(*) from alerts where incident_id = ?", Long.class, id)).isEqualTo(total);

        var evidence = analysis.evidence(id, "StormEvidence", "high").alerts();
        assertThat(evidence).hasSize(IncidentAnalysisService.MAX_ALERT_EVIDENCE);
        assertThat(evidence.get(0).labels()).containsEntry("instance", "node-100");
        assertThat(evidence.get(evidence.size() - 1).labels()).containsEntry("instance", "node-" + (total - 1));
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }

    private void apply() {
        while (engine.applyInbox() > 0) {
            // drain
        }
    }

    private void post(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.exchange(URI.create(http.getRootUri() + "/api/v1/alerts/alertmanager"), HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class).getStatusCode().value()).isEqualTo(202);
    }
}
