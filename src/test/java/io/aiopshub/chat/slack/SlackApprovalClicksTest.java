package io.aiopshub.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.aiopshub.chat.ChatTest;
import io.aiopshub.chat.approval.ChatApprovalService;
import io.aiopshub.support.RawHttp;
import io.aiopshub.support.RawHttp.Answer;

/**
 * Clicks on approval buttons through the real HTTP stack, signature check, inbox, handler and the real
 * {@code chatApprovals} service (this context runs no action runner, so every run reference here is unknown and
 * the service answers so): each signed click is acknowledged at once and answered at its response URL, a click
 * counts once by its trigger id, and buttons the hub did not make decide nothing. The whole decision path,
 * with runs that exist, is SlackApprovalFlowTest.
 */
@ChatTest
class SlackApprovalClicksTest {

    static final WireMockServer SLACK = new WireMockServer(options().dynamicPort());

    static {
        SLACK.start();
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop();
    }

    @LocalServerPort int port;
    private final ObjectMapper json = new ObjectMapper();
    private RawHttp http;

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
        SLACK.resetAll();
        SLACK.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @Test
    void aClickOnAnUnknownRunIsAnsweredPlainlyToTheClickerAndTheSameTriggerIdCountsOnce() throws Exception {
        String run = "k3J9x" + unique();
        String trigger = "13345224609.738474920." + unique();
        String reply = replyPath();
        Answer answer = signed(click("UAPPROVER", "aiops-approval-approve", "approve:" + run, trigger, reply));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);

        JsonNode posted = awaitReply(reply);
        assertThat(posted.path("text").asText()).isEqualTo("approve: no run " + run);
        assertThat(posted.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(posted.path("replace_original").isBoolean()).isTrue();
        assertThat(posted.path("replace_original").booleanValue()).isFalse();

        // Slack delivers the same click again (a retry: new timestamp, same trigger id).
        String again = replyPath();
        String retried = click("UAPPROVER", "aiops-approval-approve", "approve:" + run, trigger, again);
        String earlier = Long.toString(Instant.now().getEpochSecond() - 1);
        assertThat(send(retried, earlier, SlackSignature.sign(ChatTest.SIGNING_SECRET, earlier, bytes(retried))).status()).isEqualTo(200);
        assertThat(awaitReply(again).path("text").asText()).isEqualTo(ChatApprovalService.DUPLICATE);
    }

    @Test
    void aClickWithoutTriggerIdIsKnownByItsActionTimeAndClicker() throws Exception {
        String run = "r" + unique();
        String actionTs = "1700000123." + unique();
        List<String> replies = List.of(replyPath(), replyPath(), replyPath());
        assertThat(signed(rejectWithoutTrigger("UOTHER", run, actionTs, replies.get(0))).status()).isEqualTo(200);
        assertThat(awaitReply(replies.get(0)).path("text").asText()).isEqualTo("reject: no run " + run);
        assertThat(signed(rejectWithoutTrigger("UOTHER", run, actionTs, replies.get(1))).status()).isEqualTo(200);
        assertThat(awaitReply(replies.get(1)).path("text").asText()).as("the same click again").isEqualTo(ChatApprovalService.DUPLICATE);
        assertThat(signed(rejectWithoutTrigger("UTHIRD", run, actionTs, replies.get(2))).status()).isEqualTo(200);
        assertThat(awaitReply(replies.get(2)).path("text").asText()).as("another person's click").isEqualTo("reject: no run " + run);
    }

    @Test
    void dryRunDetailsGoOnlyToTheClicker() throws Exception {
        String run = "d" + unique();
        String reply = replyPath();
        assertThat(signed(click("UAPPROVER", "aiops-approval-details", "details:" + run, "t." + unique(), reply)).status())
                .isEqualTo(200);

        JsonNode posted = awaitReply(reply);
        assertThat(posted.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(posted.path("text").asText()).isEqualTo("approve: no run " + run);
    }

    @Test
    void theClickIsAcknowledgedWithinThreeSeconds() throws Exception {
        String run = "slow" + unique();
        String reply = replyPath();
        // Warm-up, so the measurement is the acknowledgement and not a fresh server's first request.
        assertThat(signed(click("UAPPROVER", "some-other-app-button", "warm-up", "t0." + unique(), replyPath())).status())
                .isEqualTo(200);
        long started = System.nanoTime();
        Answer answer = signed(click("UAPPROVER", "aiops-approval-approve", "approve:" + run, "t." + unique(), reply));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(answer.status()).isEqualTo(200);
        assertThat(elapsedMillis).as("acknowledged within Slack's 3 s").isLessThan(3000);
        assertThat(awaitReply(reply).path("text").asText()).isEqualTo("approve: no run " + run);
    }

    @Test
    void buttonsThatAreNotApprovalButtonsOrDisagreeWithThemselvesDecideNothing() throws Exception {
        String run = "x" + unique();
        List<String> replies = List.of(replyPath(), replyPath(), replyPath(), replyPath());
        // The value says reject, the button is Approve: a crafted payload, not one of the hub's buttons.
        assertThat(signed(click("UAPPROVER", "aiops-approval-approve", "reject:" + run, "t1." + unique(), replies.get(0))).status())
                .isEqualTo(200);
        assertThat(signed(click("UAPPROVER", "some-other-app-button", "approve:" + run, "t2." + unique(), replies.get(1))).status())
                .isEqualTo(200);
        assertThat(signed(click("UAPPROVER", "aiops-approval-approve", "approve:" + run + " x=1", "t3." + unique(),
                replies.get(2))).status()).isEqualTo(200);
        // A known click after them: once it is answered, the ones before it were handled too (one inbox, in order).
        String control = "c" + unique();
        assertThat(signed(click("UAPPROVER", "aiops-approval-reject", "reject:" + control, "t4." + unique(), replies.get(3)))
                .status()).isEqualTo(200);
        assertThat(awaitReply(replies.get(3)).path("text").asText()).isEqualTo("reject: no run " + control);
        Thread.sleep(500);

        for (String refused : replies.subList(0, 3)) {
            assertThat(SLACK.findAll(postRequestedFor(urlEqualTo(refused)))).as(refused).isEmpty();
        }
    }

    @Test
    void theInteractionsEndpointRefusesWrongStaleAndReplayedSignaturesAndTakesSlacksEncoding() throws Exception {
        String run = "s" + unique();
        String reply = replyPath();
        // As Slack encodes it: spaces as +, * as %2A (Java's encoder leaves * alone).
        String body = "payload=" + URLEncoder.encode(clickPayload("UAPPROVER", "aiops-approval-approve", "approve:" + run,
                "t." + unique(), reply).replace("\"type\":\"button\"",
                "\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"*Approve* it now\"}"),
                StandardCharsets.UTF_8).replace("*", "%2A");
        assertThat(body).contains("%2AApprove%2A+it+now");

        String timestamp = now();
        Answer wrong = send(body, timestamp, SlackSignature.sign("not-the-secret", timestamp, bytes(body)));
        assertThat(wrong.status()).isEqualTo(401);
        String stale = Long.toString(Instant.now().minusSeconds(301 + 60).getEpochSecond());
        assertThat(send(body, stale, SlackSignature.sign(ChatTest.SIGNING_SECRET, stale, bytes(body))).status()).isEqualTo(401);
        String reencoded = body.replace("%2A", "*").replace("+", "%20");
        assertThat(send(reencoded, timestamp, SlackSignature.sign(ChatTest.SIGNING_SECRET, timestamp, bytes(body))).status())
                .isEqualTo(401);

        String signature = SlackSignature.sign(ChatTest.SIGNING_SECRET, timestamp, bytes(body));
        assertThat(send(body, timestamp, signature).status()).isEqualTo(200);
        assertThat(send(body, timestamp, signature).status()).as("replayed").isEqualTo(401);

        assertThat(awaitReply(reply).path("text").asText()).isEqualTo("approve: no run " + run);
        Thread.sleep(500);
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo(reply)))).hasSize(1);
        assertThat(SLACK.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    private JsonNode awaitReply(String path) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> !SLACK.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());
        LoggedRequest request = SLACK.findAll(postRequestedFor(urlEqualTo(path))).get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        return json.readTree(request.getBodyAsString());
    }

    private static String rejectWithoutTrigger(String user, String run, String actionTs, String replyPath) {
        String payload = clickPayload(user, "aiops-approval-reject", "reject:" + run, null, replyPath)
                .replace("\"block_id\"", "\"action_ts\":\"" + actionTs + "\",\"block_id\"");
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    private static String click(String user, String actionId, String value, String triggerId, String replyPath) {
        return "payload=" + URLEncoder.encode(clickPayload(user, actionId, value, triggerId, replyPath), StandardCharsets.UTF_8);
    }

    /** A block_actions payload as Slack posts it for a button of a bot message. */
    private static String clickPayload(String user, String actionId, String value, String triggerId, String replyPath) {
        return """
                {"type":"block_actions","team":{"id":"T1","domain":"acme"},"user":{"id":"%s","username":"ann","team_id":"T1"},
                 "api_app_id":"A1","token":"legacy","container":{"type":"message","message_ts":"1700000000.000100",
                 "channel_id":"C0APPROVE1","is_ephemeral":false},%s"channel":{"id":"C0APPROVE1","name":"ops"},
                 "response_url":"%s",
                 "actions":[{"type":"button","action_id":"%s","value":"%s","block_id":"aiops-approval-buttons"}]}"""
                .formatted(user, triggerId == null ? "" : "\"trigger_id\":\"" + triggerId + "\",", SLACK.baseUrl() + replyPath,
                        actionId, value);
    }

    private Answer signed(String body) throws Exception {
        String timestamp = now();
        return send(body, timestamp, SlackSignature.sign(ChatTest.SIGNING_SECRET, timestamp, bytes(body)));
    }

    private Answer send(String body, String timestamp, String signature) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("X-Slack-Request-Timestamp", timestamp);
        headers.put("X-Slack-Signature", signature);
        return http.send("POST", SlackRequestVerifier.INTERACTIONS, headers, bytes(body));
    }

    private static String replyPath() {
        return "/actions/T1/" + UUID.randomUUID();
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
