package io.aiopshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.support.RawHttp;

/**
 * The incident page shows what the analysis stage found, as the API answers it: category and root service,
 * similar past incidents (linked), the matching runbook sections, the correlated group with its members and
 * root candidates, and the notifications sent. Real hub on H2, rule-based analyst, real embeddings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-incident;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=alice:alice-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml"})
class ConsoleIncidentPageTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired IncidentEngine engine;
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theIncidentPageShowsSimilarIncidentsRunbooksTheGroupAndNotifications() throws Exception {
        String earlier = hub().raise(Map.of("alertname", "DiskFull", "service", "ledger", "instance", "db-7",
                "severity", "critical"), "disk /var/lib/postgresql is 97% full");
        assertThat(api("POST", "/api/v1/incidents/" + earlier + "/analyze").status()).isEqualTo(200);
        String now = hub().raise(Map.of("alertname", "DiskFull", "service", "billing", "instance", "db-7",
                "severity", "critical"), "disk /var/lib/postgresql is 96% full");
        RawHttp.Answer analysed = api("POST", "/api/v1/incidents/" + now + "/analyze");
        assertThat(analysed.status()).isEqualTo(200);

        // The correlation loop links the two (same host, overlapping) into one group on its own schedule, and the
        // group's analysis then names the earlier one's service as the root.
        JsonNode detail = awaitGroup(now);
        String groupId = detail.path("group").path("id").asText();

        ConsoleSession browser = new ConsoleSession(port);
        browser.login("alice-token");
        String page = browser.get("/console/incidents/" + now).body();
        assertThat(page)
                .contains("<dt>Category</dt><dd>resources</dd>")
                .contains("<dt>Root service</dt><dd>ledger</dd>")
                .contains("<strong>Root cause:</strong>")
                .contains("alert: symptom: alert DiskFull on billing (db-7)")
                .contains("This incident is a").contains("symptom of &#39;DiskFull: disk /var/lib/postgresql is 97% full&#39; (ledger)")
                .contains("<code>cleanup_disk</code>")
                .contains("Similar past incidents")
                .contains("href=\"/console/incidents/" + earlier + "\">DiskFull: disk /var/lib/postgresql is 97% full</a>")
                .contains("disk-full.md").contains("Disk full / Symptoms")
                .contains("Correlated group")
                .contains("href=\"/console/incidents?group=" + groupId + "\"")
                .contains("db-7")
                .contains("Notifications");
        // Both members are listed, each linked to its own page.
        assertThat(page).contains("href=\"/console/incidents/" + earlier + "\"").contains("href=\"/console/incidents/" + now + "\"");
        assertThat(page).doesNotContain("No notifications yet.").contains("<td>log</td>");
    }

    private JsonNode awaitGroup(String incident) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode detail = mapper.readTree(api("GET", "/api/v1/incidents/" + incident).body());
        while (!detail.hasNonNull("group") || detail.path("notifications").isEmpty()
                || !"ledger".equals(detail.path("analysis").path("result").path("root_service").asText())) {
            assertThat(Instant.now()).as("incident %s grouped, analysed as a symptom of ledger and notified within 60 s: %s", incident, detail).isBefore(deadline);
            Thread.sleep(250);
            detail = mapper.readTree(api("GET", "/api/v1/incidents/" + incident).body());
        }
        return detail;
    }

    private RawHttp.Answer api(String method, String path) throws Exception {
        return new RawHttp(port).send(method, path, Map.of("Authorization", "Bearer alice-token",
                "Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
    }

    private ConsoleHub hub() {
        return new ConsoleHub(port, "alice-token", engine, jdbc);
    }
}
