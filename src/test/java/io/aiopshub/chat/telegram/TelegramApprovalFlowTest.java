package io.aiopshub.chat.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatUser;
import io.aiopshub.chat.approval.ChatApprovalService;
import io.aiopshub.chat.approval.ChatApprovals;
import io.aiopshub.chat.approval.ChatDecision;
import io.aiopshub.chat.FlowHub;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.remediation.run.SshTarget;
import io.aiopshub.support.Payloads;

/**
 * Approvals and commands through Telegram, with the hub's real parts: the analysis loop, the runner's routes,
 * the remediation policy (src/test/resources/chat/policy.yaml: Telegram users 42 and 43 approve) and the
 * SSH executor against an in-process SSH server. Only the Telegram Bot API is a fake (WireMock), and every
 * request the hub makes to it is asserted. getUpdates hands out the test's current batch on every poll,
 * as Telegram does while the offset is not confirmed (and after a restart): each batch arrives many times.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:telegram-approval-flow;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=alice:alice-token,bob:bob-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.llm.catalog-file=src/test/resources/chat/catalog.yaml",
        "aiops.llm.analyst-rules-file=src/test/resources/remediation/analyst-rules.yaml",
        "aiops.llm.analysis-interval=300",
        "aiops.remediation.policy-file=src/test/resources/chat/policy.yaml",
        "aiops.remediation.launch-interval=300ms",
        "aiops.remediation.verify-interval=300ms",
        "aiops.chat.operators=telegram:42",
        "aiops.chat.approvals.poll-interval=200",
        "aiops.chat.approvals.link-base-url=https://hub.example.com/",
        "aiops.chat.telegram.bot-token=" + TelegramApprovalFlowTest.TOKEN,
        "aiops.chat.telegram.approval-chat-ids=" + TelegramApprovalFlowTest.CHAT,
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml,file:routes/analysis.yaml,"
                + "file:routes/remediation.yaml,file:routes/remediation-executor-ssh.yaml,file:routes/chat-approvals.yaml,"
                + "file:routes/chat-telegram.yaml"})
class TelegramApprovalFlowTest {

    static final String TOKEN = "4242:test-token";
    static final String CHAT = "-1001";
    static final String BOT = "/bot" + TOKEN;
    static final SshTarget HOST = new SshTarget();
    static final WireMockServer TELEGRAM = new WireMockServer(options().dynamicPort());
    private static final AtomicLong UPDATE_IDS = new AtomicLong(1000);

    static {
        TELEGRAM.start();
        nothingNew();
        TELEGRAM.stubFor(WireMock.post(urlPathEqualTo(BOT + "/sendMessage")).willReturn(okJson(
                "{\"ok\":true,\"result\":{\"message_id\":501,\"chat\":{\"id\":-1001,\"type\":\"group\"},\"date\":1767225600,\"text\":\"x\"}}")));
        TELEGRAM.stubFor(WireMock.post(urlPathEqualTo(BOT + "/editMessageText")).willReturn(okJson(
                "{\"ok\":true,\"result\":{\"message_id\":501,\"chat\":{\"id\":-1001,\"type\":\"group\"},\"date\":1767225600,\"text\":\"x\"}}")));
        TELEGRAM.stubFor(WireMock.post(urlPathEqualTo(BOT + "/answerCallbackQuery")).willReturn(okJson("{\"ok\":true,\"result\":true}")));
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        HOST.settings().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("aiops.chat.telegram.base-url", TELEGRAM::baseUrl);
    }

    @AfterAll
    static void stop() throws IOException {
        HOST.close();
        TELEGRAM.stop();
    }

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired IncidentEngine engine;
    @Autowired CamelContext camel;
    @Autowired ChatApprovals approvals;
    private final ObjectMapper json = new ObjectMapper();
    private FlowHub hub;

    @BeforeEach
    void connect() {
        hub = new FlowHub(http, jdbc, engine, json);
    }
    private StubMapping batch;

    @AfterEach
    void quiet() {
        deliver(null);
    }

    @Test
    void anAlertsSuggestedActionIsApprovedByButtonRunsOverSshAndTheMessageShowsTheResult() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        Map<String, String> down = Map.of("alertname", "ApiDown", "service", "checkout", "severity", "critical",
                "instance", "127.0.0.1:9100");
        String incident = hub.incidentOf(down, start);

        // The analysis loop suggests restart_service_ssh; the run awaits approval and the chat gets buttons.
        await().atMost(Duration.ofSeconds(30)).until(() -> runsOf(incident).size() == 1);
        String run = runsOf(incident).get(0);
        JsonNode message = await().atMost(Duration.ofSeconds(30)).until(() -> sent("/sendMessage", run.substring(0, 8)), m -> m != null);
        assertThat(message.path("chat_id").asText()).isEqualTo(CHAT);
        String text = message.path("text").asText();
        assertThat(text).startsWith("Approval needed: restart_service_ssh on 127.0.0.1 (risk medium)")
                .contains("Incident: ").contains("Parameters: host=127.0.0.1, service=checkout")
                .contains("Dry run succeeded: ").contains("touch 'checkout'.restarted")
                .contains("Full dry run: https://hub.example.com/api/v1/actions/" + run);
        String callbackId = jdbc.queryForObject("select callback_id from chat_approval_refs where run_id = ?", String.class, run);
        assertThat(callbackId).hasSize(10).doesNotContain(run);
        assertThat(message.path("reply_markup").toString()).isEqualTo(("{\"inline_keyboard\":[[{\"text\":\"Approve\","
                + "\"callback_data\":\"%1$s:A\"},{\"text\":\"Reject\",\"callback_data\":\"%1$s:R\"}],"
                + "[{\"text\":\"Dry run details\",\"callback_data\":\"%1$s:D\"}]]}").formatted(callbackId));
        assertThat(HOST.ran("checkout.restarted")).as("a dry run runs nothing").isZero();

        // A stranger, then an approver, then the approver's double click; the batch keeps arriving.
        deliver(click("cb-stranger", 77, callbackId + ":A"), click("cb-approve", 42, callbackId + ":A"),
                click("cb-double", 42, callbackId + ":A"));
        JsonNode refused = await().atMost(Duration.ofSeconds(30)).until(() -> callbackAnswer("cb-stranger"), a -> a != null);
        assertThat(refused.path("text").asText()).startsWith("Sorry, telegram:77 may not approve this run");
        assertThat(refused.path("show_alert").asBoolean()).isTrue();
        assertThat(refused.path("chat_id").asText()).as("the chat id camel-telegram 4.17 needs").isEqualTo(CHAT);
        JsonNode approved = await().atMost(Duration.ofSeconds(30)).until(() -> callbackAnswer("cb-approve"), a -> a != null);
        assertThat(approved.path("text").asText()).startsWith("Approved by telegram:42; the run is ");
        JsonNode doubleClick = await().atMost(Duration.ofSeconds(30)).until(() -> callbackAnswer("cb-double"), a -> a != null);
        assertThat(doubleClick.path("text").asText()).startsWith("You approved this run already; it is ");

        hub.awaitState(run, "verifying");
        assertThat(HOST.ran("touch 'checkout'.restarted")).isOne();
        JsonNode edited = await().atMost(Duration.ofSeconds(30)).until(() -> lastEdit(run), e -> e != null
                && e.path("text").asText().contains("Approved by telegram:42"));
        assertThat(edited.path("chat_id").asText()).isEqualTo(CHAT);
        assertThat(edited.path("message_id").asInt()).isEqualTo(501);
        assertThat(edited.has("reply_markup")).as("the buttons go once decided").isFalse();

        // The polling route restarts while Telegram still hands out the same batch; a second approver is late.
        camel.getRouteController().stopRoute(TelegramPolling.ROUTE);
        camel.getRouteController().startRoute(TelegramPolling.ROUTE);
        deliver(click("cb-stranger", 77, callbackId + ":A"), click("cb-approve", 42, callbackId + ":A"),
                click("cb-double", 42, callbackId + ":A"), click("cb-late", 43, callbackId + ":A"));
        JsonNode late = await().atMost(Duration.ofSeconds(30)).until(() -> callbackAnswer("cb-late"), a -> a != null);
        assertThat(late.path("text").asText()).startsWith("Already approved by telegram:42; the run is ");
        Thread.sleep(1000);
        for (String click : List.of("cb-stranger", "cb-approve", "cb-double", "cb-late")) {
            assertThat(requests("/answerCallbackQuery", b -> click.equals(b.path("callback_query_id").asText())))
                    .as("answered once: " + click).hasSize(1);
        }
        assertThat(jdbc.queryForList("select decided_by from action_run_decisions where run_id = ?", String.class, run))
                .containsExactly("telegram:42");

        hub.post("/api/v1/alerts/alertmanager", Payloads.alertmanager("resolved", start, Instant.now(), down, "down"));
        hub.apply();
        hub.awaitState(run, "succeeded");
        JsonNode last = await().atMost(Duration.ofSeconds(30)).until(() -> lastEdit(run), e -> e != null
                && e.path("text").asText().contains("Run succeeded"));
        assertThat(last.path("text").asText()).startsWith("Action run: restart_service_ssh on 127.0.0.1")
                .contains("Approved by telegram:42 at ").contains("Run succeeded at ").contains("verified: alerts_resolved: holds");
        assertThat(last.has("reply_markup")).isFalse();
        assertThat(HOST.ran("touch 'checkout'.restarted")).as("run once").isOne();

        JsonNode timeline = hub.getJson("/api/v1/incidents/" + incident).at("/timeline");
        assertThat(FlowHub.kinds(timeline)).containsSubsequence("analysis", "action_proposed", "action_awaiting_approval",
                "action_decision_refused", "action_approved", "action_running", "action_verifying", "action_succeeded");
        assertThat(FlowHub.actorOf(timeline, "action_decision_refused")).isEqualTo("telegram:77");
        assertThat(FlowHub.actorOf(timeline, "action_approved")).isEqualTo("telegram:42");
    }

    @Test
    void commandsAreAnsweredInTheHubsChatsOnlyAndRunProposesARunThatAButtonRejects() throws Exception {
        deliver(message(11, 42, CHAT, "group", "/status@aiops_hub_bot"),
                message(12, 99, "555", "private", "status"),
                message(13, 42, CHAT, "group", "we should look at checkout"),
                message(14, 42, CHAT, "group", "/run restart_service_ssh host=127.0.0.1 service=tg-run"));
        JsonNode proposed = await().atMost(Duration.ofSeconds(30)).until(() -> sent("/sendMessage", "Proposed run "), m -> m != null);
        assertThat(proposed.path("chat_id").asText()).isEqualTo(CHAT);
        assertThat(proposed.path("reply_to_message_id").asInt()).isEqualTo(14);
        assertThat(proposed.path("text").asText()).contains("restart_service_ssh on 127.0.0.1 by telegram:42")
                .contains("It runs only after approval");
        JsonNode status = sent("/sendMessage", null, b -> b.path("reply_to_message_id").asInt() == 11);
        assertThat(status).isNotNull();
        assertThat(status.path("chat_id").asText()).isEqualTo(CHAT);
        Thread.sleep(1000);
        assertThat(requests("/sendMessage", b -> "555".equals(b.path("chat_id").asText()))).as("a stranger's chat").isEmpty();
        assertThat(requests("/sendMessage", b -> b.path("reply_to_message_id").asInt() == 13)).as("talk, not a command").isEmpty();
        assertThat(requests("/sendMessage", b -> b.path("reply_to_message_id").asInt() == 14)).as("once").hasSize(1);

        String run = jdbc.queryForObject("select id from action_runs where proposed_by = 'telegram:42' and parameters_json like '%tg-run%'",
                String.class);
        assertThat(jdbc.queryForObject("select proposer_kind from action_runs where id = ?", String.class, run)).isEqualTo("person");
        await().atMost(Duration.ofSeconds(30)).until(() -> sent("/sendMessage", "Approval needed: restart_service_ssh") != null
                && sent("/sendMessage", run.substring(0, 8)) != null);
        String callbackId = jdbc.queryForObject("select callback_id from chat_approval_refs where run_id = ?", String.class, run);

        deliver(click("cb-details", 43, callbackId + ":D"), click("cb-reject", 43, callbackId + ":R"),
                click("cb-forged", 43, "zzzzzzzzzz:A"));
        JsonNode details = await().atMost(Duration.ofSeconds(30)).until(() -> sent("/sendMessage", "Dry run of restart_service_ssh"),
                m -> m != null);
        assertThat(details.path("text").asText()).contains("touch 'tg-run'.restarted")
                .contains("Full run: https://hub.example.com/api/v1/actions/" + run);
        assertThat(details.path("reply_to_message_id").asInt()).isEqualTo(501);
        JsonNode rejected = await().atMost(Duration.ofSeconds(30)).until(() -> callbackAnswer("cb-reject"), a -> a != null);
        assertThat(rejected.path("text").asText()).isEqualTo("Rejected by telegram:43; the run is rejected. Nothing ran.");
        JsonNode forged = await().atMost(Duration.ofSeconds(30)).until(() -> callbackAnswer("cb-forged"), a -> a != null);
        assertThat(forged.path("text").asText()).startsWith("approve: no run zzzzzzzzzz");
        JsonNode edited = await().atMost(Duration.ofSeconds(30)).until(() -> lastEdit(run), e -> e != null
                && e.path("text").asText().contains("Rejected by telegram:43"));
        assertThat(edited.has("reply_markup")).isFalse();
        assertThat(HOST.ran("tg-run")).as("only the dry run reached the host").isZero();

        // The typed command takes the same path as the button.
        deliver(message(15, 42, CHAT, "group", "/approve " + run.substring(0, 8)));
        JsonNode typed = await().atMost(Duration.ofSeconds(30)).until(() -> sent("/sendMessage", null,
                b -> b.path("reply_to_message_id").asInt() == 15), m -> m != null);
        assertThat(typed.path("text").asText()).isEqualTo("Already rejected by telegram:43; nothing changed.");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aTelegramOutageNeitherStopsTheRunnerNorLaterMessagesAndTheTokenStaysOutOfTheLog(CapturedOutput log) throws Exception {
        StubMapping down = TELEGRAM.stubFor(WireMock.post(urlPathEqualTo(BOT + "/sendMessage")).withRequestBody(containing("outage-one"))
                .atPriority(1).willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
        StubMapping noUpdates = TELEGRAM.stubFor(get(urlPathEqualTo(BOT + "/getUpdates")).atPriority(0)
                .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
        try {
            String first = propose("outage-one");
            hub.awaitState(first, "awaiting_approval");
            Thread.sleep(1000);
            assertThat(hub.call("bob", HttpMethod.POST, "/api/v1/actions/" + first + "/approve", null).getStatusCode().value()).isEqualTo(200);
            hub.awaitState(first, "verifying");
            assertThat(jdbc.queryForObject("select count(*) from chat_posted_approvals where run_id = ?", Long.class, first)).isZero();
            // The poller meets the outage at its own pace: wait for it, however fast the run went.
            await().atMost(Duration.ofSeconds(30)).until(() -> log.getAll().contains("Polling Telegram for updates failed"));

            TELEGRAM.removeStub(noUpdates);
            String second = propose("outage-two");
            await().atMost(Duration.ofSeconds(30)).until(() -> sent("/sendMessage", second.substring(0, 8)) != null);
        } finally {
            TELEGRAM.removeStub(down);
            TELEGRAM.removeStub(noUpdates);
        }
        assertThat(log.getAll()).contains("Polling Telegram for updates failed").contains("[REDACTED:telegram-token]")
                .doesNotContain(TOKEN);
    }

    @Test
    void aHighRiskRunNeedsTwoPeopleWhateverTheirChannelAndAClickCountsOnce() throws Exception {
        String run = propose("touch_file_high_ssh", "two-people");
        await().atMost(Duration.ofSeconds(30)).until(() -> sent("/sendMessage", run.substring(0, 8)) != null);
        String callbackId = jdbc.queryForObject("select callback_id from chat_approval_refs where run_id = ?", String.class, run);

        deliver(click("cb-first", 42, callbackId + ":A"));
        JsonNode first = await().atMost(Duration.ofSeconds(30)).until(() -> callbackAnswer("cb-first"), a -> a != null);
        assertThat(first.path("text").asText()).isEqualTo("Approval by telegram:42 recorded; the run needs another approver.");
        JsonNode waiting = await().atMost(Duration.ofSeconds(30)).until(() -> lastEdit(run), e -> e != null
                && e.path("text").asText().contains("Waiting for another approver"));
        assertThat(waiting.path("reply_markup").path("inline_keyboard")).as("still awaiting: the buttons stay").hasSize(2);
        assertThat(HOST.ran("two-people.high")).isZero();

        ChatUser slack = new ChatUser("slack", "UOPS2");
        ChatAnswer second = approvals.decide(slack, callbackId, ChatDecision.APPROVE, "slack-trigger-1", "go");
        assertThat(second.text()).startsWith("Approved by slack:UOPS2; the run is ");
        assertThat(approvals.decide(slack, callbackId, ChatDecision.APPROVE, "slack-trigger-1", "go").text())
                .as("the same click delivered again").isEqualTo(ChatApprovalService.DUPLICATE);
        await().atMost(Duration.ofSeconds(30)).until(() -> HOST.ran("touch 'two-people'.high") == 1);
        assertThat(jdbc.queryForList("select decided_by || '/' || channel from action_run_decisions where run_id = ? order by decided_by",
                String.class, run)).containsExactly("slack:UOPS2/slack", "telegram:42/telegram");
    }

    private String propose(String service) throws Exception {
        return propose("restart_service_ssh", service);
    }

    private String propose(String action, String service) throws Exception {
        ResponseEntity<String> proposed = hub.call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"%s\", \"parameters\": {\"host\": \"127.0.0.1\", \"service\": \"%s\"}}".formatted(action, service));
        assertThat(proposed.getStatusCode().value()).as(proposed.getBody()).isEqualTo(201);
        return json.readTree(proposed.getBody()).at("/run/id").asText();
    }

    /** What every getUpdates answers from now on (null: nothing); each update keeps its update_id. */
    private void deliver(String... updates) {
        if (batch != null) {
            TELEGRAM.removeStub(batch);
            batch = null;
        }
        if (updates != null && updates.length > 0) {
            batch = TELEGRAM.stubFor(get(urlPathEqualTo(BOT + "/getUpdates")).atPriority(1)
                    .willReturn(okJson("{\"ok\":true,\"result\":[" + String.join(",", updates) + "]}")));
        }
    }

    private static void nothingNew() {
        TELEGRAM.stubFor(get(urlPathEqualTo(BOT + "/getUpdates")).atPriority(5)
                .willReturn(okJson("{\"ok\":true,\"result\":[]}")));
    }

    private static String click(String id, long from, String data) {
        return """
                {"update_id":%d,"callback_query":{"id":"%s","from":{"id":%d,"is_bot":false,"first_name":"P%d"},
                 "message":{"message_id":501,"chat":{"id":%s,"type":"group","title":"ops"},"date":1767225600,"text":"Approval needed"},
                 "chat_instance":"ci-1","data":"%s"}}""".formatted(UPDATE_IDS.incrementAndGet(), id, from, from, CHAT, data);
    }

    private static String message(long messageId, long from, String chat, String type, String text) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"P%d"},
                 "chat":{"id":%s,"type":"%s"},"date":1767225600,"text":"%s"}}"""
                .formatted(UPDATE_IDS.incrementAndGet(), messageId, from, from, chat, type, text);
    }

    private List<JsonNode> requests(String method, Predicate<JsonNode> which) {
        List<JsonNode> found = new ArrayList<>();
        TELEGRAM.findAll(postRequestedFor(urlPathEqualTo(BOT + method))).forEach(request -> {
            try {
                JsonNode body = json.readTree(request.getBodyAsString());
                if (which.test(body)) {
                    found.add(body);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return found;
    }

    private JsonNode sent(String method, String textPart) {
        return sent(method, textPart, b -> true);
    }

    private JsonNode sent(String method, String textPart, Predicate<JsonNode> which) {
        List<JsonNode> found = requests(method, b -> (textPart == null || b.path("text").asText().contains(textPart)) && which.test(b));
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private JsonNode callbackAnswer(String callbackId) {
        return sent("/answerCallbackQuery", null, b -> callbackId.equals(b.path("callback_query_id").asText()));
    }

    private JsonNode lastEdit(String run) {
        return sent("/editMessageText", "Run: " + run.substring(0, 8));
    }

    private List<String> runsOf(String incident) {
        return jdbc.queryForList("select id from action_runs where incident_id = ?", String.class, incident);
    }
}
