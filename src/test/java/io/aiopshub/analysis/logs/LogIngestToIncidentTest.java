package io.aiopshub.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Logs from a shipper to an incident: mixed good and bad items, plain-string and object forms; a new
 * error pattern becomes a NewErrorLogTemplate incident carrying the template, its count and redacted
 * examples; the templates are persisted per service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:log-ingest;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml"})
class LogIngestToIncidentTest {

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired LogTemplateService templates;
    @Autowired MeterRegistry meters;

    @Test
    void newErrorPatternBecomesAnIncidentWithItsTemplate() {
        ResponseEntity<String> response = post("""
                [
                 {"@timestamp":"2026-11-24T10:00:00Z","message":"payment 4411 failed: connection refused to db-7 password=hunter2",
                  "log":{"level":"error"},"service":{"name":"checkout"}},
                 {"timestamp":"2026-11-24T10:00:01Z","log":"payment 4412 failed: connection refused to db-3 password=hunter2",
                  "service":"checkout","level":"ERROR"},
                 {"message":"no service here"},
                 {"service":"checkout"},
                 {"message":"user 17 logged in","kubernetes":{"labels":{"app":"checkout"}},"time":1764000000},
                 {"message":"bad time","service":"checkout","@timestamp":"yesterday"}
                ]""");
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(response.getBody()).contains("\"accepted\":3")
                .contains("{\"index\":2,\"field\":\"service\"").contains("{\"index\":3,\"field\":\"message\"")
                .contains("{\"index\":5,\"field\":\"@timestamp\"");

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from incident_log_templates", Long.class) == 1);
        Map<String, Object> row = jdbc.queryForMap("select * from incident_log_templates");
        assertThat(row.get("SERVICE")).isEqualTo("checkout");
        assertThat((String) row.get("TEMPLATE")).isEqualTo("payment <*> failed: connection refused to <*> password <*>");
        assertThat((String) row.get("EXAMPLES_JSON")).doesNotContain("hunter2").contains("[REDACTED");
        assertThat(jdbc.queryForObject("select title from incidents", String.class))
                .startsWith("NewErrorLogTemplate: New error log pattern in checkout");
        String incidentId = jdbc.queryForObject("select id from incidents", String.class);
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        assertThat(http.exchange("/api/v1/incidents/" + incidentId, org.springframework.http.HttpMethod.GET,
                new HttpEntity<>(headers), String.class).getBody())
                .contains("\"logTemplates\":[{\"service\":\"checkout\"").contains("\"occurrences\":2");
        // Explained off the ingest path by the rule-based analyst (no LLM configured).
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from incident_analyses where incident_id = ?", Long.class, incidentId) == 1);
        assertThat(http.exchange("/api/v1/incidents/" + incidentId, org.springframework.http.HttpMethod.GET,
                new HttpEntity<>(headers), String.class).getBody())
                .contains("\"analysis\":{\"status\":\"done\",\"provider\":\"rule-based\",\"ruleId\":\"log-dependency-unreachable\"")
                .contains("\"category\":\"dependency\"").contains("\"summary\":\"checkout cannot reach db-")
                .contains("\"root_service\":\"checkout\"");
        // The old /analyze: a service's recent state through the same chain (rule-based here).
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> service = http.postForEntity("/api/v1/analyze",
                new HttpEntity<>("{\"service\":\"checkout\",\"window\":\"1d\"}", headers), String.class);
        assertThat(service.getStatusCode().value()).isEqualTo(200);
        assertThat(service.getBody()).contains("\"provider\":\"rule-based\"").contains("checkout cannot reach")
                .contains("\"category\":\"dependency\"");
        assertThat(http.postForEntity("/api/v1/analyze", new HttpEntity<>("{\"service\":\"x\",\"window\":\"forever\"}", headers),
                String.class).getBody()).contains("\"field\":\"window\"");
        assertThat(templates.templates("checkout")).extracting(LogTemplate::template)
                .contains("payment <*> failed: connection refused to <*> password <*>", "user <*> logged in");
        assertThat(jdbc.queryForObject("select count(*) from log_templates where service = 'checkout'", Long.class)).isEqualTo(2);
    }

    @Test
    void onlyBadItemsIs400NamingThem() {
        ResponseEntity<String> response = post("[{\"message\":\"x\"},{\"service\":\"a\"}]");
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).contains("\"field\":\"[0].service\"").contains("[1].message");
        assertThat(post("[]").getStatusCode().value()).isEqualTo(400);
        HttpHeaders noToken = new HttpHeaders();
        noToken.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.postForEntity("/api/v1/logs", new HttpEntity<>("{}", noToken), String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aServiceWhoseTemplatesCannotBeStoredDoesNotCostTheOtherServicesTheirLines() {
        // A real database failure for one service only: its templates violate a constraint.
        jdbc.execute("alter table log_templates add constraint no_poison check (service <> 'poison')");
        try {
            double droppedBefore = meters.counter("aiops.log.lines.dropped").count();
            // One request, so the miner takes the poison service's lines and the others' in one batch.
            ResponseEntity<String> response = post("""
                    [{"message":"poison line 1","service":"poison"},{"message":"poison line 2","service":"poison"},
                     {"message":"ledger 7 committed in 30ms","level":"info","service":"ledger"},
                     {"message":"x","service":"%s"}]""".formatted("s".repeat(300)));
            assertThat(response.getStatusCode().value()).isEqualTo(202);
            assertThat(response.getBody()).contains("\"accepted\":3").contains("{\"index\":3,\"field\":\"service\"");

            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "select count(*) from log_templates where service = 'ledger'", Long.class) == 1);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    meters.counter("aiops.log.lines.dropped").count() == droppedBefore + 2);
            assertThat(templates.templates("poison")).as("nothing kept in memory that was not stored").isEmpty();
        } finally {
            jdbc.execute("alter table log_templates drop constraint no_poison");
        }
    }

    private ResponseEntity<String> post(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/v1/logs", new HttpEntity<>(body, headers), String.class);
    }
}
