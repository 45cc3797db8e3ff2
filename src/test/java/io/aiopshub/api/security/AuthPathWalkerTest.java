package io.aiopshub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.chat.slack.SlackRequestVerifier;
import io.aiopshub.chat.slack.SlackSignature;
import io.aiopshub.support.RawHttp;
import io.aiopshub.support.RawHttp.Answer;

/**
 * Walks every path the hub serves (read from Camel's REST model, so a new endpoint is walked too, plus
 * actuator) in every spelling an attacker would try: encoded letters, {@code ;} parameters, {@code //},
 * dot segments, encoded separators, case, trailing slash, double encoding. Without a valid token none
 * is served and nothing changes; with a token, no spelling escapes the body limit. Slack's two paths take
 * a signature instead of a token: unsigned they are 401 whatever the Authorization header says.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:authwalk;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=walker:walk-token",
        "aiops.security.metrics-tokens=prom:scrape-token",
        "aiops.chat.slack.signing-secret=" + AuthPathWalkerTest.SLACK_SECRET,
        "aiops.ingest.max-body-size=64KB"})
class AuthPathWalkerTest {

    /** Slack's paths are on, so they are walked as they are served: authenticated by a signature, not a token. */
    static final String SLACK_SECRET = "walker-slack-signing-secret";

    /** The silence an attacker wants: every alert muted for a day. */
    private static final String SILENCE = """
            {"matchers":[{"name":"alertname","value":".+","isRegex":true}],
             "startsAt":"%s","endsAt":"%s","createdBy":"attacker","comment":"mute all"}""".formatted(
            Instant.now().truncatedTo(ChronoUnit.SECONDS), Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
    private static final String EVENT = """
            {"source":"walker","labels":{"alertname":"Walk"}}""";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired CamelContext camel;
    private final ObjectMapper json = new ObjectMapper();
    private RawHttp http;
    private String silenceId;

    @BeforeEach
    void setUp() throws Exception {
        http = new RawHttp(port);
        silenceId = jdbc.queryForList("select id from silences", String.class).stream().findFirst().orElse(null);
        if (silenceId == null) {
            Map<String, String> headers = new LinkedHashMap<>(auth("walk-token"));
            headers.put("Content-Type", "application/json");
            Answer created = http.send("POST", "/api/v1/silences", headers, SILENCE.getBytes(StandardCharsets.UTF_8));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            silenceId = json.readTree(created.body()).path("id").asText();
        }
    }

    @Test
    void noSpellingOfAnyPathIsServedWithoutAToken() throws Exception {
        Map<String, Long> before = rowCounts();
        List<String> served = new ArrayList<>();
        int requests = 0;
        for (Endpoint endpoint : endpoints()) {
            for (String target : spellings(endpoint.path())) {
                List<Map<String, String>> callers = target.equals(endpoint.path())
                        ? List.of(Map.of(), auth("guess"), auth(""), Map.of("Authorization", "Basic d2Fsa2VyOndhbGstdG9rZW4="))
                        : List.of(Map.of(), auth("guess"));
                for (Map<String, String> headers : callers) {
                    Map<String, String> all = new LinkedHashMap<>(headers);
                    all.put("Content-Type", "application/json");
                    Answer answer = http.send(endpoint.method(), target, all, endpoint.body());
                    requests++;
                    if (answer.status() < 400 || answer.status() >= 500) {
                        served.add(endpoint.method() + " " + target + " " + headers.keySet() + " -> " + answer.status());
                    }
                    if (endpoint.signed() && target.equals(endpoint.path())) {
                        // Unsigned (whatever Authorization says): refused as unauthenticated, never served.
                        assertThat(answer.status()).as(target + " " + headers.keySet()).isEqualTo(401);
                    }
                    assertThat(answer.body()).doesNotContain("walk-token");
                }
            }
        }
        assertThat(served).as("requests answered without a valid token").isEmpty();
        assertThat(requests).isGreaterThan(400);
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from silences where expired_at is not null", Long.class)).isZero();
    }

    /**
     * The console's own chain: without a session every spelling of a console path is sent to the login page or
     * refused, an API token in a header opens nothing there, and no form changes anything.
     */
    @Test
    void noSpellingOfAConsolePathIsServedWithoutASession() throws Exception {
        Map<String, Long> before = rowCounts();
        List<String> served = new ArrayList<>();
        String[][] paths = {
            {"GET", "/console/incidents"}, {"GET", "/console/incidents/rows"}, {"GET", "/console/approvals"},
            {"GET", "/console/silences"}, {"GET", "/console"}, {"GET", "/console/incidents/events"},
            {"POST", "/console/silences"}, {"POST", "/console/silences/" + silenceId + "/expire"},
            {"POST", "/console/approvals/" + silenceId + "/approve"}, {"POST", "/console/approvals/" + silenceId + "/reject"}};
        byte[] form = "matcher=alertname%3DWalk&hours=1&comment=walk&token=walk-token".getBytes(StandardCharsets.UTF_8);
        for (String[] endpoint : paths) {
            for (String target : spellings(endpoint[1])) {
                for (Map<String, String> headers : List.of(Map.<String, String>of(), auth("walk-token"))) {
                    Map<String, String> all = new LinkedHashMap<>(headers);
                    all.put("Content-Type", "application/x-www-form-urlencoded");
                    Answer answer = http.send(endpoint[0], target, all, endpoint[0].equals("POST") ? form : null);
                    String location = answer.headers().entrySet().stream()
                            .filter(e -> e.getKey().equalsIgnoreCase("Location")).map(Map.Entry::getValue)
                            .findFirst().orElse("");
                    boolean toLogin = answer.status() == 302 && location.endsWith("/console/login");
                    boolean refused = answer.status() >= 400 && answer.status() < 500;
                    if (!toLogin && !refused) {
                        served.add(endpoint[0] + " " + target + " " + headers.keySet() + " -> " + answer.status() + " " + location);
                    }
                }
            }
        }
        assertThat(served).as("console requests answered without a session").isEmpty();
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from silences where expired_at is not null", Long.class)).isZero();
        // The login page itself is open, and it is the only console page that is.
        assertThat(http.send("GET", "/console/login", Map.of(), null).status()).isEqualTo(200);
    }

    @Test
    void noSpellingEscapesTheBodyLimit() throws Exception {
        Map<String, Long> before = rowCounts();
        byte[] oversized = ("{\"source\":\"walker\",\"labels\":{\"alertname\":\"" + "x".repeat(70_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        List<String> accepted = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            if (!endpoint.method().equals("POST")) {
                continue;
            }
            for (String target : spellings(endpoint.path())) {
                Map<String, String> headers = new LinkedHashMap<>(auth("walk-token"));
                headers.put("Content-Type", "application/json");
                if (endpoint.signed()) {
                    // Signed correctly, so the body limit is what stops it, not the missing signature.
                    String timestamp = Long.toString(Instant.now().getEpochSecond());
                    headers.put("X-Slack-Request-Timestamp", timestamp);
                    headers.put("X-Slack-Signature", SlackSignature.sign(SLACK_SECRET, timestamp, oversized));
                }
                Answer answer = http.send("POST", target, headers, oversized);
                if (answer.status() != 413 && answer.status() != 400 && answer.status() != 404) {
                    accepted.add(target + " -> " + answer.status());
                }
            }
        }
        assertThat(accepted).as("oversized bodies not refused").isEmpty();
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void healthShowsDetailsOnlyToApiTokensAndMetricsNeedAToken() throws Exception {
        Answer open = http.send("GET", "/actuator/health", Map.of(), null);
        assertThat(open.status()).isEqualTo(200);
        JsonNode status = json.readTree(open.body());
        assertThat(status.path("status").asText()).isEqualTo("UP");
        assertThat(status.has("components")).isFalse();
        assertThat(open.body()).doesNotContain("diskSpace").doesNotContain("path");

        JsonNode detailed = json.readTree(http.send("GET", "/actuator/health", auth("walk-token"), null).body());
        assertThat(detailed.path("components").has("db")).isTrue();

        assertThat(http.send("GET", "/actuator/prometheus", Map.of(), null).status()).isEqualTo(401);
        assertThat(http.send("GET", "/actuator/info", Map.of(), null).status()).isEqualTo(401);
        Answer scraped = http.send("GET", "/actuator/prometheus", auth("scrape-token"), null);
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("aiops_");
        // A scrape token is for metrics only.
        assertThat(http.send("GET", "/api/v1/incidents", auth("scrape-token"), null).status()).isEqualTo(403);
        assertThat(http.send("GET", "/actuator/health", auth("scrape-token"), null).body()).doesNotContain("components");
        assertThat(http.send("GET", "/api/v1/incidents", auth("walk-token"), null).status()).isEqualTo(200);
    }

    @Test
    void clientChosenSourcesCannotGrowTheMetricSeriesWithoutBound() throws Exception {
        for (int i = 0; i < 60; i++) {
            Map<String, String> headers = new LinkedHashMap<>(auth("walk-token"));
            headers.put("Content-Type", "application/json");
            Answer answer = http.send("POST", "/api/v1/events", headers,
                    ("{\"source\":\"src-" + i + "\",\"labels\":{\"alertname\":\"Series" + i + "\"}}").getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).isEqualTo(202);
        }
        String metrics = http.send("GET", "/actuator/prometheus", auth("scrape-token"), null).body();
        long series = metrics.lines().filter(line -> line.startsWith("aiops_events_received_total{")).count();
        assertThat(series).isLessThanOrEqualTo(3 + 20 + 1);
        assertThat(metrics).contains("source=\"other\"");
    }

    /** {@code signed}: authenticated by Slack's signature instead of a token (SlackRequestVerifier). */
    private record Endpoint(String method, String path, byte[] body, boolean signed) { }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String method = verb.asVerb().toUpperCase(Locale.ROOT);
                String path = (rest.getPath() + (verb.getPath() == null ? "" : verb.getPath()))
                        .replace("{id}", silenceId);
                byte[] body = !method.equals("POST") ? null
                        : (path.endsWith("/silences") ? SILENCE : EVENT).getBytes(StandardCharsets.UTF_8);
                endpoints.add(new Endpoint(method, path, body,
                        path.equals(SlackRequestVerifier.COMMANDS) || path.equals(SlackRequestVerifier.INTERACTIONS)));
            }
        }
        assertThat(endpoints).hasSizeGreaterThan(10);
        assertThat(endpoints.stream().filter(Endpoint::signed)).hasSize(2);
        for (String actuator : List.of("/actuator/prometheus", "/actuator/info", "/actuator", "/actuator/metrics",
                "/actuator/env", "/actuator/health/db", "/actuator/health/diskSpace")) {
            endpoints.add(new Endpoint("GET", actuator, null, false));
        }
        return endpoints;
    }

    /** The canonical path, then every spelling of it that some layer might decode to the same thing. */
    static List<String> spellings(String path) {
        String first = path.substring(1).split("/")[0];
        String rest = path.substring(first.length() + 1);
        String tail = rest.isEmpty() ? "" : rest.substring(1);
        return List.of(
                path,
                "/" + encodeFirst(first) + rest,
                "/" + encodeAll(first) + rest,
                "/" + first + ";x" + rest,
                "/" + first + ";jsessionid=1" + rest,
                path + ";",
                path + ";x=y",
                "/" + path,
                "/" + first + "//" + tail,
                "/./" + path.substring(1),
                "/x/../" + path.substring(1),
                "/x/%2e%2e/" + path.substring(1),
                "/" + first + "%2F" + tail,
                "/" + first + "%2f" + tail,
                "/" + first + "%5C" + tail,
                path.toUpperCase(Locale.ROOT),
                "/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest,
                path + "/",
                path + "//",
                "/%25" + String.format("%02x", (int) first.charAt(0)) + first.substring(1) + rest,
                path + "%00",
                path + "%20",
                path + "/.",
                path + "?x=1",
                "http://localhost" + path);
    }

    private static String encodeFirst(String segment) {
        return "%" + String.format("%02X", (int) segment.charAt(0)) + segment.substring(1);
    }

    private static String encodeAll(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (char c : segment.toCharArray()) {
            encoded.append('%').append(String.format("%02x", (int) c));
        }
        return encoded.toString();
    }

    /**
     * What a request that got through would change (the analysis loop changes other tables on its own),
     * read once the engine has applied whatever an earlier test stored.
     */
    private Map<String, Long> rowCounts() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject("select count(*) from alert_inbox", Long.class) == 0);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String query : List.of("select count(*) from alert_inbox", "select count(*) from alerts",
                "select count(*) from incidents", "select count(*) from incidents where acked_by is not null",
                "select count(*) from silences", "select count(*) from silences where expired_at is not null",
                "select count(*) from notifications")) {
            counts.put(query, jdbc.queryForObject(query, Long.class));
        }
        return counts;
    }

    private static Map<String, String> auth(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
