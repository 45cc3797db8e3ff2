package io.aiopshub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.aiopshub.api.security.ApiSecurityProperties;
import io.aiopshub.api.security.ApiTokens;
import io.aiopshub.redact.Redactor;
import io.aiopshub.redact.logback.LogRedaction;
import jakarta.mail.internet.MimeMessage;

/**
 * Secrets in alerts' labels and annotations, in ad-hoc messages and in log calls never leave the hub:
 * not through any channel (WireMock as Telegram, Slack, PagerDuty and a webhook receiver, GreenMail as
 * the mail server, the log channel), not in the LLM prompt (WireMock as the OpenAI-compatible API), not
 * in the analysis, evidence or timeline the API shows, not in the log. Alerts' own labels and
 * annotations stay raw in the API, for the authenticated caller that sent them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:secrets-never-leave;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "aiops.routing.file=src/test/resources/all-channels-alert-routing.yaml",
        "aiops.notify.poll-interval=100",
        "aiops.channels.telegram.chat-id=-100123",
        "aiops.channels.email.from=hub@example.org",
        "aiops.channels.email.to=oncall@example.org",
        "aiops.channels.email.security=none",
        "aiops.llm.openai.api-key=test-openai-key",
        "aiops.llm.openai.model=gpt-test",
        "aiops.llm.analysis-interval=300",
        "aiops.llm.timeout=5s"})
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeaveTest {

    static final String BOT = "123456:secrets-test-bot";
    static final String PASSWORD = "hunter2";
    static final String DB_PASSWORD = "correct horse battery";
    static final String TOKEN = "abc123def456ghi789jkl";
    static final String BEARER = "s3cr3tBearerToken0123456789";
    static final String LLM_ECHO = "llmEcho99xyz";
    static final List<String> SECRETS = List.of(PASSWORD, "horse battery", TOKEN, BEARER, LLM_ECHO);

    static final WireMockServer RECEIVERS = new WireMockServer(options().dynamicPort());
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        RECEIVERS.start();
        SMTP.start();
    }

    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        registry.add("aiops.channels.telegram.base-url", RECEIVERS::baseUrl);
        registry.add("aiops.channels.telegram.bot-token", () -> BOT);
        registry.add("aiops.channels.slack.webhook-url", () -> RECEIVERS.baseUrl() + "/services/T000/B000/XXXX");
        registry.add("aiops.channels.pagerduty.url", () -> RECEIVERS.baseUrl() + "/v2/enqueue");
        registry.add("aiops.channels.pagerduty.routing-key", () -> "R0UTINGKEY0000000000000000000000");
        registry.add("aiops.channels.webhook.url", () -> RECEIVERS.baseUrl() + "/hooks/aiops");
        registry.add("aiops.channels.email.host", () -> "localhost");
        registry.add("aiops.channels.email.port", () -> SMTP.getSmtp().getPort());
        registry.add("aiops.llm.openai.base-url", () -> RECEIVERS.baseUrl() + "/v1");
    }

    @AfterAll
    static void stopServers() {
        RECEIVERS.stop();
        SMTP.stop();
    }

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired Redactor redactor;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void receiversAnswer() throws Exception {
        RECEIVERS.resetAll();
        RECEIVERS.stubFor(post(urlEqualTo("/bot" + BOT + "/sendMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"result\":{\"message_id\":1,\"date\":0,\"chat\":{\"id\":-100123,\"type\":\"group\"},\"text\":\"x\"}}")));
        RECEIVERS.stubFor(post(urlEqualTo("/services/T000/B000/XXXX")).willReturn(aResponse().withStatus(200).withBody("ok")));
        RECEIVERS.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}")));
        RECEIVERS.stubFor(post(urlEqualTo("/hooks/aiops")).willReturn(aResponse().withStatus(204)));
        // The model "answers" with a secret of its own, so the API's redaction of stored analyses shows.
        String answer = """
                {"summary":"the login of checkout fails, password=%s","root_cause":"wrong credentials","root_service":"checkout","category":"security",
                 "severity":"critical","confidence":0.7,"evidence":[{"kind":"alert","ref":"LoginLeak","detail":"token=%s"}],
                 "suggested_actions":[]}""".formatted(LLM_ECHO, LLM_ECHO).replace("\n", " ");
        RECEIVERS.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"c1","object":"chat.completion","created":1764000000,"model":"gpt-test",
                         "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150}}""".formatted(
                        json.writeValueAsString(answer)))));
        // The rule-based analyst answers for this one: its evidence quotes the alert's labels.
        RECEIVERS.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("LoginRules"))
                .atPriority(1).willReturn(aResponse().withStatus(500)));
        SMTP.purgeEmailFromAllMailboxes();
    }

    @Test
    void anIncidentsSecretsReachNoChannelNoPromptNoAnalysisAndNoLog(CapturedOutput output) throws Exception {
        String viaLlm = raise("LoginLeak");
        String viaRules = raise("LoginRules");

        awaitSentOnEveryChannel(viaLlm);
        awaitSentOnEveryChannel(viaRules);
        // Both are checkout incidents at the same time: correlated into one group, each is analysed again
        // when the group forms, so at least once each.
        await().atMost(Duration.ofSeconds(30)).until(() -> analyses(viaLlm) >= 1 && analyses(viaRules) >= 1);

        List<LoggedRequest> prompts = RECEIVERS.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(prompts).isNotEmpty();
        assertThat(prompts.get(0).getBodyAsString()).contains("db_password").contains("[REDACTED:password]");
        assertNoSecret(everythingSent());
        assertThat(webhookBodies()).contains("[REDACTED:password]");

        for (String id : List.of(viaLlm, viaRules)) {
            JsonNode detail = json.readTree(get("/api/v1/incidents/" + id).getBody());
            assertThat(detail.path("analysis").path("status").asText()).isEqualTo("done");
            assertNoSecret(detail.path("analysis").toString());
            assertNoSecret(detail.path("timeline").toString());
            assertNoSecret(detail.path("notifications").toString());
            assertNoSecret(detail.path("logTemplates").toString());
            // Documented: what the caller sent stays raw for authenticated callers.
            JsonNode alert = detail.path("alerts").get(0);
            assertThat(alert.path("labels").path("db_password").asText()).isEqualTo(DB_PASSWORD);
            assertThat(alert.path("annotations").path("summary").asText()).contains(PASSWORD);
        }
        assertThat(get("/api/v1/incidents/" + viaRules).getBody()).contains("rule-based (fallback)").contains("db_password");
        assertNoSecret(jdbc.queryForList("select content_json from notifications", String.class).toString());
        assertNoSecret(jdbc.queryForList("select prompt from incident_analyses", String.class).toString());
        assertThat(output.getAll()).contains("io.aiopshub.notify.log").contains("LoginLeak");
        assertNoSecret(output.getAll());
    }

    @Test
    void anAdHocMessageIsRedactedOnEveryChannel(CapturedOutput output) throws Exception {
        HttpHeaders headers = headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = json.writeValueAsString(Map.of(
                "title", "DB password=" + PASSWORD,
                "message", "deploy failed: token=" + TOKEN + "\nAuthorization: Bearer " + BEARER,
                "priority", "critical",
                "channels", List.of("telegram", "slack", "email", "pagerduty", "webhook", "log")));
        ResponseEntity<String> queued = http.postForEntity("/api/v1/notify", new HttpEntity<>(body, headers), String.class);
        assertThat(queued.getStatusCode().value()).isEqualTo(202);
        List<Long> ids = new ArrayList<>();
        json.readTree(queued.getBody()).path("notificationIds").forEach(n -> ids.add(n.asLong()));
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> "SENT".equals(
                jdbc.queryForObject("select status from notifications where id = ?", String.class, id))));

        String sent = everythingSent();
        assertThat(sent).contains("[REDACTED:token]").contains("[REDACTED:password]");
        assertNoSecret(sent);
        assertThat(output.getAll()).as("the log channel printed it").contains("io.aiopshub.notify.log").contains("ADHOC");
        assertNoSecret(output.getAll());
    }

    @Test
    void logsNeverCarryASecretButTheGeneratedApiTokenIsShownOnce(CapturedOutput output) {
        Logger log = LoggerFactory.getLogger("io.aiopshub.SecretsNeverLeaveTest");
        log.info("alert annotations {}", Map.of("summary", "login failed", "password", PASSWORD));
        log.warn("request headers {}", Map.of("Authorization", "Bearer " + BEARER));
        log.error("delivery failed", new IllegalStateException("receiver said: token=" + TOKEN,
                new IllegalArgumentException("db_password=" + PASSWORD)));

        new ApiTokens(new ApiSecurityProperties());

        String all = output.getAll();
        assertThat(all).contains("alert annotations").contains("[REDACTED:password]").contains("[REDACTED:token]")
                .contains("java.lang.IllegalStateException: receiver said: token=[REDACTED:token]")
                .containsPattern("at io\\.aiopshub\\.SecretsNeverLeaveTest\\.logsNeverCarry\\w+\\(SecretsNeverLeaveTest\\.java:\\d+\\)");
        assertNoSecret(all);
        assertThat(all).as("the generated token is logged once, readable, on purpose")
                .containsPattern("Generated one for this run: aiops_[0-9a-f]{48}");
        assertThat(LogRedaction.redactor((LoggerContext) LoggerFactory.getILoggerFactory()))
                .as("the logs use the configured redactor").isSameAs(redactor);
    }

    private String raise(String alertname) {
        HttpHeaders headers = headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = """
                {"source":"test","severity":"critical",
                 "labels":{"alertname":"%s","service":"checkout","db_password":"%s"},
                 "annotations":{"summary":"login failed password=%s","description":"Authorization: Bearer %s"}}"""
                .formatted(alertname, DB_PASSWORD, PASSWORD, BEARER);
        assertThat(http.postForEntity("/api/v1/events", new HttpEntity<>(body, headers), String.class).getStatusCode().value())
                .isEqualTo(202);
        return await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                "select incident_id from alerts where alertname = ?", String.class, alertname), l -> l.size() == 1).get(0);
    }

    private void awaitSentOnEveryChannel(String incidentId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "select distinct channel from notifications where incident_id = ? and status = 'SENT'", String.class, incidentId),
                channels -> channels.size() == 6);
    }

    /** Every request any fake receiver got (Telegram, Slack, PagerDuty, webhook, LLM) and every mail. */
    private String everythingSent() throws Exception {
        StringBuilder all = new StringBuilder();
        for (LoggedRequest request : RECEIVERS.findAll(anyRequestedFor(anyUrl()))) {
            all.append(request.getUrl()).append('\n').append(request.getBodyAsString()).append('\n');
        }
        for (MimeMessage mail : SMTP.getReceivedMessages()) {
            all.append(mail.getSubject()).append('\n').append(GreenMailUtil.getBody(mail)).append('\n');
        }
        assertThat(all).as("every channel and the LLM got something").contains("/sendMessage").contains("/services/")
                .contains("/v2/enqueue").contains("/hooks/aiops");
        assertThat(SMTP.getReceivedMessages()).isNotEmpty();
        return all.toString();
    }

    private String webhookBodies() {
        return RECEIVERS.findAll(postRequestedFor(urlEqualTo("/hooks/aiops"))).stream()
                .map(LoggedRequest::getBodyAsString).reduce("", String::concat);
    }

    private static void assertNoSecret(String text) {
        for (String secret : SECRETS) {
            assertThat(text).as("contains " + secret).doesNotContain(secret);
        }
    }

    private long analyses(String incidentId) {
        return jdbc.queryForObject("select count(*) from incident_analyses where incident_id = ?", Long.class, incidentId);
    }

    private ResponseEntity<String> get(String path) {
        ResponseEntity<String> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers()), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response;
    }

    private static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        return headers;
    }
}
