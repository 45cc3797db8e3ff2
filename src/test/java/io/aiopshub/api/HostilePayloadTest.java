package io.aiopshub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Malformed and hostile requests: each gets a 4xx with a problem body naming what is wrong, nothing of it
 * is stored, and the hub keeps serving. Uses the JDK client so bodies go out byte for byte.
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

    static Stream<Arguments> hostile() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String manyAlerts = "{\"version\":\"4\",\"alerts\":[" + String.join(",", java.util.Collections.nCopies(51, VALID_ALERT)) + "]}";
        return Stream.of(
                Arguments.of(AM, "", 400, "$"),
                Arguments.of(AM, "not json", 400, "$"),
                Arguments.of(AM, "{\"alerts\":[", 400, "$"),
                Arguments.of(AM, "[]", 400, "$"),
                Arguments.of(AM, "{}", 400, "alerts"),
                Arguments.of(AM, "{\"alerts\":{}}", 400, "alerts"),
                Arguments.of(AM, "{\"version\":\"3\",\"alerts\":[]}", 400, "version"),
                Arguments.of(AM, "{\"alerts\":[42]}", 400, "alerts[0]"),
                Arguments.of(AM, "{\"alerts\":[{\"status\":\"firing\"}]}", 400, "alerts[0].labels"),
                Arguments.of(AM, "{\"alerts\":[{\"status\":\"firing\",\"labels\":{}}]}", 400, "alerts[0].labels"),
                Arguments.of(AM, "{\"alerts\":[{\"status\":\"firing\",\"labels\":[\"a\"]}]}", 400, "alerts[0].labels"),
                Arguments.of(AM, "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":1}}]}", 400, "alerts[0].labels.a"),
                Arguments.of(AM, "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"bad-name\":\"x\"}}]}", 400, "alerts[0].labels.bad-name"),
                Arguments.of(AM, "{\"alerts\":[{\"status\":\"burning\",\"labels\":{\"a\":\"b\"}}]}", 400, "alerts[0].status"),
                Arguments.of(AM, "{\"alerts\":[{\"labels\":{\"a\":\"b\"}}]}", 400, "alerts[0].status"),
                Arguments.of(AM, "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":\"b\"},\"startsAt\":\"yesterday\"}]}", 400, "alerts[0].startsAt"),
                Arguments.of(AM, "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":\"b\"},\"startsAt\":12345}]}", 400, "alerts[0].startsAt"),
                Arguments.of(AM, "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":\"b\"},\"startsAt\":\"2026-01-02T00:00:00Z\",\"endsAt\":\"2026-01-01T00:00:00Z\"}]}", 400, "alerts[0]"),
                // the second alert is bad: the valid first one must not be stored either
                Arguments.of(AM, "{\"alerts\":[" + VALID_ALERT + ",{\"status\":\"firing\",\"labels\":{\"a\":true}}]}", 400, "alerts[1].labels.a"),
                Arguments.of(AM, "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":\"b\",\"a\":\"c\"}}]}", 400, "$"),
                Arguments.of(AM, deep, 400, "$"),
                Arguments.of(AM, manyAlerts, 400, "alerts"),
                Arguments.of(AM, "{\"alerts\":[]} trailing", 400, "$"),
                Arguments.of(EVENTS, "{\"labels\":{\"alertname\":\"X\"}}", 400, "source"),
                Arguments.of(EVENTS, "{\"source\":\"cron\"}", 400, "labels"),
                Arguments.of(EVENTS, "{\"source\":\"cron job!\",\"labels\":{\"a\":\"b\"}}", 400, "source"),
                Arguments.of(EVENTS, "{\"source\":\"cron\",\"labels\":{\"a\":\"b\"},\"severity\":\"apocalyptic\"}", 400, "severity"),
                Arguments.of(EVENTS, "{\"source\":\"cron\",\"labels\":{\"a\":\"b\"},\"status\":\"done\"}", 400, "status"),
                Arguments.of(EVENTS, "[{\"source\":\"ok\",\"labels\":{\"a\":\"b\"}},{\"source\":\"ok\",\"labels\":{\"a\":\"b\"},\"endsAt\":\"not a time\"}]", 400, "[1].endsAt"),
                Arguments.of(EVENTS, "[]", 400, "$"),
                Arguments.of(EVENTS, "\"just a string\"", 400, "$"),
                Arguments.of(EVENTS, "{\"source\":\"cron\",\"labels\":{\"a\":\"" + "x".repeat(70_000) + "\"}}", 413, "$"),
                Arguments.of("/api/v1/silences", "{\"matchers\":[{\"name\":\"a\",\"op\":\"=~\",\"value\":\"(\"}],\"endsAt\":\"2099-01-01T00:00:00Z\",\"createdBy\":\"a\",\"comment\":\"c\"}", 400, "matchers[0]"),
                Arguments.of("/api/v1/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"b\"}],\"createdBy\":\"a\",\"comment\":\"c\"}", 400, "endsAt"),
                Arguments.of("/api/v1/silences", "{\"matchers\":[],\"endsAt\":\"2099-01-01T00:00:00Z\",\"createdBy\":\"a\",\"comment\":\"c\"}", 400, "matchers"),
                Arguments.of("/api/v1/notify", "{\"title\":\"t\",\"message\":\"m\",\"channels\":[\"carrier-pigeon\"]}", 400, "channels[0]"),
                Arguments.of("/api/v1/notify", "{\"message\":\"m\"}", 400, "title"),
                Arguments.of("/api/v1/notify", "{\"title\":\"t\",\"message\":\"m\",\"priority\":\"asap\"}", 400, "priority"));
    }

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

    @ParameterizedTest(name = "[{index}] {0} -> {2} naming {3}")
    @MethodSource("hostile")
    void rejectedWithAProblemNamingTheField(String path, String body, int status, String field) throws Exception {
        HttpResponse<String> response = post(path, body, "test-token");
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("field").asText()).isEqualTo(field);
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
