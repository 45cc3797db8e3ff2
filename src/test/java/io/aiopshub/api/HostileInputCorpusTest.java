package io.aiopshub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.support.HostileCorpus;
import io.aiopshub.support.Payloads;

/**
 * Runs the hostile-input corpus ({@link HostileCorpus}, src/test/resources/hostile/*.yaml) against the
 * whole hub with its real loops: every case must get a 4xx with a JSON problem naming a field, leave every
 * table's row count as it was, and leave the hub healthy; afterwards each endpoint still serves a valid
 * request. The JDK client sends bodies byte for byte (invalid UTF-8 included).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:hostile-corpus;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=" + HostileInputCorpusTest.TOKEN,
        "aiops.ingest.max-alerts-per-request=50",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.routing.dispatch-interval=200ms",
        "aiops.notify.poll-interval=100"})
class HostileInputCorpusTest {

    static final String TOKEN = "corpus-token";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TestFactory
    Stream<DynamicNode> corpus() throws Exception {
        List<HostileCorpus.Endpoint> endpoints = HostileCorpus.load(Path.of("src/test/resources/hostile"));
        Map<String, String> ids = Map.of("incidentId", createIncident(), "silenceId", createSilence());
        awaitQuiet();
        List<DynamicNode> nodes = new ArrayList<>();
        for (HostileCorpus.Endpoint endpoint : endpoints) {
            nodes.add(DynamicContainer.dynamicContainer(endpoint.file(), endpoint.cases().stream()
                    .map(c -> DynamicTest.dynamicTest(c.name(), () -> rejectedWithoutTrace(c, ids)))));
        }
        nodes.add(DynamicContainer.dynamicContainer("valid requests still succeed afterwards", endpoints.stream()
                .filter(e -> e.valid() != null)
                .map(e -> DynamicTest.dynamicTest(e.file(), () -> succeeds(e.valid(), ids)))));
        return nodes.stream();
    }

    private void rejectedWithoutTrace(HostileCorpus.Case c, Map<String, String> ids) throws Exception {
        Map<String, Long> before = rowCounts();
        Instant now = Instant.now();
        HttpResponse<String> response = send(c.method(), HostileCorpus.expand(c.path(), ids, now),
                HostileCorpus.bytes(c, ids, now), c.headers());
        if (c.status() != null) {
            assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(c.status());
        } else {
            assertThat(response.statusCode()).as("status; body %s", response.body()).isBetween(400, 499);
        }
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.path("field").asText()).as("problem names a field: %s", response.body()).isNotBlank();
        if (c.field() != null) {
            assertThat(problem.path("field").asText()).as("problem field: %s", response.body()).isEqualTo(c.field());
        }
        assertThat(rowCounts()).as("no row written or removed").isEqualTo(before);
        HttpResponse<String> health = send("GET", "/actuator/health", null, Map.of());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("UP");
    }

    private void succeeds(HostileCorpus.Valid valid, Map<String, String> ids) throws Exception {
        Instant now = Instant.now();
        String body = HostileCorpus.expand(valid.body(), ids, now);
        HttpResponse<String> response = send(valid.method(), HostileCorpus.expand(valid.path(), ids, now),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(response.statusCode()).as("body %s", response.body()).isEqualTo(valid.status());
    }

    /** An incident made the way users make one: an Alertmanager webhook, then the incident list. */
    private String createIncident() throws Exception {
        Instant now = Instant.now();
        String payload = Payloads.alertmanager("firing", now.minusSeconds(60), now.plus(Duration.ofDays(1)),
                Map.of("alertname", "CorpusTarget", "service", "corpus", "severity", "warning"), "corpus target");
        assertThat(send("POST", "/api/v1/alerts/alertmanager", payload.getBytes(StandardCharsets.UTF_8), Map.of())
                .statusCode()).isEqualTo(202);
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode items = json.readTree(send("GET", "/api/v1/incidents?service=corpus", null, Map.of()).body()).path("items");
            return items.isEmpty() ? null : items.get(0).path("id").asText();
        }, id -> id != null);
    }

    private String createSilence() throws Exception {
        String silence = """
                {"matchers":[{"name":"alertname","op":"=","value":"CorpusNeverMatches"}],"endsAt":"%s",
                 "createdBy":"corpus","comment":"a silence to address"}""".formatted(Instant.now().plus(Duration.ofHours(6)));
        HttpResponse<String> created = send("POST", "/api/v1/silences", silence.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(created.statusCode()).isEqualTo(201);
        return json.readTree(created.body()).path("id").asText();
    }

    /**
     * The background loops settle the new incident (first notification, analysis) before any snapshot,
     * so a changed row count can only come from the request under test.
     */
    private void awaitQuiet() {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() ->
                jdbc.queryForObject("select count(*) from incident_analyses", Long.class) > 0
                        && jdbc.queryForObject("select count(*) from notifications", Long.class) > 0
                        && jdbc.queryForObject("select count(*) from notifications where status = 'PENDING'", Long.class) == 0
                        && jdbc.queryForObject("select count(*) from alert_inbox", Long.class) == 0);
        AtomicReference<Map<String, Long>> last = new AtomicReference<>(rowCounts());
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> rowCounts().equals(last.getAndSet(rowCounts())));
    }

    /** Row count of every application table, named from the schema so new tables are covered too. */
    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : jdbc.queryForList("select table_name from information_schema.tables where table_schema = 'PUBLIC' "
                + "and table_type = 'BASE TABLE' and lower(table_name) <> 'flyway_schema_history'", String.class)) {
            counts.put(table, jdbc.queryForObject("select count(*) from \"" + table + "\"", Long.class));
        }
        return counts;
    }

    private HttpResponse<String> send(String method, String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Bearer " + TOKEN);
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
