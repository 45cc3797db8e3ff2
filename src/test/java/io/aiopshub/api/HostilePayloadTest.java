package io.aiopshub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests refused before they reach a route (token, body size, content type): a 4xx with a problem body,
 * nothing stored, and the hub keeps serving. Malformed and hostile bodies are in the corpus run by
 * {@link HostileInputCorpusTest}. Uses the JDK client so bodies go out byte for byte.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:hostile;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token,second-token",
        "aiops.ingest.max-body-size=64KB",
        "aiops.ingest.max-alerts-per-request=50",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
class HostilePayloadTest {

    private static final String AM = "/api/v1/alerts/alertmanager";
    private static final String EVENTS = "/api/v1/events";
    private static final String VALID_ALERT = """
            {"status":"firing","labels":{"alertname":"X"},"startsAt":"2026-01-01T00:00:00Z"}""";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private long rowsBefore;

    @BeforeEach
    void countRows() {
        rowsBefore = storedRows();
    }

    @AfterEach
    void hubStillServes() throws Exception {
        assertThat(storedRows()).as("nothing of a rejected request is stored").isEqualTo(rowsBefore);
        HttpResponse<String> ok = post(EVENTS, "{\"source\":\"probe\",\"labels\":{\"alertname\":\"Probe\"}}", "test-token");
        assertThat(ok.statusCode()).isEqualTo(202);
        jdbc.update("delete from alert_inbox");
    }

    @Test
    void bodyOverTheLimitIs413WithAProblem() throws Exception {
        HttpResponse<String> response = post(EVENTS, "{\"source\":\"cron\",\"labels\":{\"a\":\"" + "x".repeat(70_000) + "\"}}",
                "test-token");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("field").asText()).isEqualTo("$");
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    @Test
    void missingOrWrongTokenIs401AndNeverEchoed() throws Exception {
        assertThat(post(AM, "{\"alerts\":[]}", null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = post(AM, "{\"alerts\":[]}", "guess");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("guess").doesNotContain("test-token");
        HttpResponse<String> accepted = post(AM, "{\"version\":\"4\",\"alerts\":[" + VALID_ALERT + "]}", "second-token");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("authorization"));
        jdbc.update("delete from alert_inbox");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"source\":\"x\",\"labels\":{\"a\":\"" + "y".repeat(100_000) + "\"}}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + EVENTS))
                .header("Authorization", "Bearer test-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + EVENTS))
                .header("Authorization", "Bearer test-token").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(415);
    }

    private long storedRows() {
        long total = 0;
        for (String table : List.of("alert_inbox", "alerts", "incidents", "silences", "notifications")) {
            total += jdbc.queryForObject("select count(*) from " + table, Long.class);
        }
        return total;
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
