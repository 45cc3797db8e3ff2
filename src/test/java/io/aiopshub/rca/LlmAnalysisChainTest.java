package io.aiopshub.rca;

import io.aiopshub.rca.llm.LlmAnalyst;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The analysis chain against fake OpenAI-compatible and Ollama APIs (WireMock): the request the
 * primary gets (model, max_tokens, JSON response format, redacted evidence), a malformed answer
 * repaired once, the secondary answering when the primary fails, and the rule-based analyst, marked
 * as fallback, when both fail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:llm-chain;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.llm.openai.api-key=test-openai-key",
        "aiops.llm.openai.model=gpt-test",
        "aiops.llm.ollama.model=llama-test",
        "aiops.llm.max-tokens=321",
        "aiops.llm.analysis-interval=300",
        "aiops.llm.breaker-wait-in-open-state=1s",
        "aiops.llm.timeout=2s",
        "aiops.llm.prices.gpt-test.input=0.01",
        "aiops.llm.prices.gpt-test.output=0.03",
        // Every incident here is of service checkout at about the same time: correlated, each would join one
        // group and be analysed again; these tests count the provider calls of incidents analysed alone.
        "aiops.correlation.enabled=false"})
class LlmAnalysisChainTest {

    static final WireMockServer OPENAI = new WireMockServer(options().dynamicPort());
    static final WireMockServer OLLAMA = new WireMockServer(options().dynamicPort());
    static final String ANSWER = """
            {"summary":"checkout cannot reach its database","root_cause":"the database host refuses connections","root_service":"checkout","category":"dependency",
             "severity":"critical","confidence":0.8,
             "evidence":[{"kind":"alert","ref":"ServiceDown","detail":"checkout down"}],
             "suggested_actions":[{"action_id":"teleport_server","parameters":{},"reason":"not in the catalog"}]}""";

    static {
        OPENAI.start();
        OLLAMA.start();
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("aiops.llm.openai.base-url", () -> OPENAI.baseUrl() + "/v1");
        registry.add("aiops.llm.ollama.base-url", OLLAMA::baseUrl);
    }

    @AfterAll
    static void stop() {
        OPENAI.stop();
        OLLAMA.stop();
    }

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    @Autowired LlmAnalyst llm;

    @BeforeEach
    void reset() {
        OPENAI.resetAll();
        OLLAMA.resetAll();
        // Each test starts with closed breakers, whatever the previous one did to the providers.
        llm.providers().forEach(p -> p.breaker().reset());
    }

    @Test
    void primaryAnswersWithRedactedEvidenceAndAMalformedAnswerIsRepairedOnce() throws Exception {
        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("repair").whenScenarioStateIs("Started")
                .willReturn(openAi("Sure! Here is my analysis: {\\\"summary\\\": ")).willSetStateTo("repaired"));
        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("repair").whenScenarioStateIs("repaired")
                .willReturn(openAi(ANSWER.replace("\"", "\\\"").replace("\n", " "))));
        String id = raise("CheckoutDown", "postgres://app:s3cretPassw0rd@db-1:5432/shop");

        await().atMost(Duration.ofSeconds(20)).until(() -> analyses(id) == 1);
        Map<String, Object> row = jdbc.queryForMap("select * from incident_analyses where incident_id = ?", id);
        assertThat(row.get("PROVIDER")).isEqualTo("openai");
        assertThat(row.get("MODEL")).isEqualTo("gpt-test");
        assertThat((String) row.get("RESULT_JSON")).contains("checkout cannot reach its database")
                .doesNotContain("teleport_server");
        var requests = OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(requests).hasSize(2);
        JsonNode first = json.readTree(requests.get(0).getBodyAsString());
        assertThat(first.path("model").asText()).isEqualTo("gpt-test");
        assertThat(first.path("max_tokens").asInt()).isEqualTo(321);
        assertThat(first.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer test-openai-key");
        assertThat(requests.get(0).getBodyAsString()).contains("suggested_actions").contains("CheckoutDown")
                .doesNotContain("s3cretPassw0rd");
        assertThat(requests.get(1).getBodyAsString()).contains("not valid");
        assertThat(requests.get(0).getBodyAsString()).as("relevant runbook sections go into the prompt").contains("Runbook ");
        assertThat((String) row.get("PROMPT")).doesNotContain("s3cretPassw0rd");
        int tokensIn = ((Number) row.get("TOKENS_IN")).intValue();
        int tokensOut = ((Number) row.get("TOKENS_OUT")).intValue();
        assertThat(tokensIn).as("as the provider reported them, over the first call and the repair").isEqualTo(200);
        assertThat(tokensOut).isEqualTo(100);
        assertThat(((Number) row.get("COST_USD")).doubleValue()).isCloseTo((tokensIn * 0.01 + tokensOut * 0.03) / 1000,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(((Number) row.get("LATENCY_MS")).longValue()).isNotNegative();
        assertThat(timeline(id)).contains("dropped_actions");
    }

    @Test
    void secondaryAnswersWhenThePrimaryFailsAndTheRulesWhenBothFail() {
        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));
        OLLAMA.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"model\":\"llama-test\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
                        + "\"content\":" + quote(ANSWER) + "},\"done\":true,\"prompt_eval_count\":100,\"eval_count\":50}")));
        String viaOllama = raise("PaymentsDown", "x");
        await().atMost(Duration.ofSeconds(20)).until(() -> analyses(viaOllama) == 1);
        assertThat(jdbc.queryForObject("select provider from incident_analyses where incident_id = ?", String.class, viaOllama))
                .isEqualTo("ollama");
        var ollamaRequests = OLLAMA.findAll(postRequestedFor(urlEqualTo("/api/chat")));
        assertThat(ollamaRequests).hasSize(1);
        JsonNode ollamaBody = readJson(ollamaRequests.get(0).getBodyAsString());
        assertThat(ollamaBody.path("model").asText()).isEqualTo("llama-test");
        assertThat(ollamaBody.path("options").path("num_predict").asInt()).isEqualTo(321);
        assertThat(ollamaBody.path("format").asText()).isEqualTo("json");

        OLLAMA.resetAll();
        OLLAMA.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(500)));
        String viaRules = raise("ServiceDown", "y");
        await().atMost(Duration.ofSeconds(20)).until(() -> analyses(viaRules) == 1);
        assertThat(jdbc.queryForObject("select provider from incident_analyses where incident_id = ?", String.class, viaRules))
                .isEqualTo("rule-based (fallback)");
        assertThat(jdbc.queryForObject("select rule_id from incident_analyses where incident_id = ?", String.class, viaRules))
                .isEqualTo("service-down");
    }

    @Test
    void aSlowPrimaryTimesOutAndTheSecondaryAnswers() {
        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(openAi(ANSWER.replace("\"", "\\\"").replace("\n", " ")).withFixedDelay(4000)));
        OLLAMA.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"model\":\"llama-test\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
                        + "\"content\":" + quote(ANSWER) + "},\"done\":true}")));
        String id = raise("SlowProviderCase", "t");
        await().atMost(Duration.ofSeconds(25)).until(() -> analyses(id) == 1);
        assertThat(jdbc.queryForObject("select provider from incident_analyses where incident_id = ?", String.class, id))
                .isEqualTo("ollama");
    }

    @Test
    void aRecurringIncidentReusesTheCachedAnswerWithoutACall() {
        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(openAi(ANSWER.replace("\"", "\\\"").replace("\n", " "))));
        String first = raise("DiskAlmostFull", "z");
        await().atMost(Duration.ofSeconds(20)).until(() -> analyses(first) == 1);
        assertThat(jdbc.queryForObject("select provider from incident_analyses where incident_id = ?", String.class, first))
                .isEqualTo("openai");
        int calls = OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();

        send("DiskAlmostFull", "z", "resolved");
        // Resolved at once, but a recurrence only opens a new incident once the group has closed (after the
        // resolved notification); before that it reopens this one, as an Alertmanager group would.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from incidents where id = ? and status = 'resolved' and open_group_key is null",
                Integer.class, first) == 1);
        send("DiskAlmostFull", "z", "firing");
        String second = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                "select incident_id from alerts where alertname = 'DiskAlmostFull' and incident_id <> ?", String.class, first),
                l -> l.size() == 1).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> analyses(second) == 1);
        assertThat(jdbc.queryForObject("select provider from incident_analyses where incident_id = ?", String.class, second))
                .isEqualTo("openai (cached)");
        assertThat(OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(calls);

        // On demand: analysed again now, asking the provider (no cache).
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        var response = http.postForEntity("/api/v1/incidents/" + second + "/analyze", new HttpEntity<>(headers), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"provider\":\"openai\"").contains("checkout cannot reach its database");
        assertThat(OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(calls + 1);
        assertThat(http.postForEntity("/api/v1/incidents/nope/analyze", new HttpEntity<>(headers), String.class)
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void eachProviderHasABreakerThatOpensStopsCallingAndRecoversThroughHalfOpen() {
        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));
        OLLAMA.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(500)));
        var evidence = new io.aiopshub.rca.rules.IncidentEvidence("x", "Breaker test", "warning", java.util.List.of(
                new io.aiopshub.rca.rules.IncidentEvidence.AlertEvidence("fp", "firing", Map.of("alertname", "B"))), java.util.List.of());
        var openai = llm.providers().get(0).breaker();
        for (int i = 0; i < 3; i++) {
            assertThat(llm.analyze(evidence)).isNull();
        }
        assertThat(openai.getState()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        assertThat(OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(3);
        assertThat(llm.analyze(evidence)).isNull();
        assertThat(OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).as("no call while open").hasSize(3);

        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(openAi(ANSWER.replace("\"", "\\\"").replace("\n", " "))));
        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(llm.analyze(evidence)).isNotNull().satisfies(o -> assertThat(o.provider()).isEqualTo("openai"));
        assertThat(openai.getState()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
        assertThat(OPENAI.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(4);
    }

    private void send(String alertname, String dsn, String status) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = """
                {"source":"test","severity":"critical","status":"%s","labels":{"alertname":"%s","service":"checkout","dsn":"%s"},
                 "annotations":{"summary":"down"}}""".formatted(status, alertname, dsn);
        assertThat(http.postForEntity("/api/v1/events", new HttpEntity<>(body, headers), String.class).getStatusCode().value())
                .isEqualTo(202);
    }

    private String raise(String alertname, String dsn) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = """
                {"source":"test","severity":"critical","labels":{"alertname":"%s","service":"checkout","dsn":"%s"},
                 "annotations":{"summary":"down"}}""".formatted(alertname, dsn);
        assertThat(http.postForEntity("/api/v1/events", new HttpEntity<>(body, headers), String.class).getStatusCode().value())
                .isEqualTo(202);
        return await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                "select incident_id from alerts where alertname = ?", String.class, alertname), l -> l.size() == 1).get(0);
    }

    private long analyses(String incidentId) {
        return jdbc.queryForObject("select count(*) from incident_analyses where incident_id = ?", Long.class, incidentId);
    }

    private String timeline(String incidentId) {
        return String.join("\n", jdbc.queryForList("select detail from timeline_entries where incident_id = ?", String.class, incidentId));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder openAi(String escapedContent) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id":"c1","object":"chat.completion","created":1764000000,"model":"gpt-test",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150}}""".formatted(escapedContent));
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
