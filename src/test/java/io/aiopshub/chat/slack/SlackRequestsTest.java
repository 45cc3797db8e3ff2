package io.aiopshub.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.aiopshub.chat.ChatTest;
import io.aiopshub.support.RawHttp;
import io.aiopshub.support.RawHttp.Answer;

/**
 * Slack's callbacks through the real HTTP stack and security chain: only requests signed over their raw
 * bytes, with a fresh timestamp, seen once, get in; they are acknowledged at once and answered at their
 * response URL (WireMock as Slack).
 */
@ChatTest
class SlackRequestsTest {

    static final WireMockServer SLACK = new WireMockServer(options().dynamicPort());

    static {
        SLACK.start();
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop();
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private RawHttp http;

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
        SLACK.resetAll();
        SLACK.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @Test
    void aSignedCommandIsAcknowledgedAtOnceAndAnsweredAtItsResponseUrl() throws Exception {
        String reply = replyPath();
        long started = System.nanoTime();
        Answer answer = signed(SlackRequestVerifier.COMMANDS, command("UREADER", "status", reply), now());
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(elapsedMillis).as("acknowledged within Slack's 3 s").isLessThan(3000);

        JsonNode posted = awaitReply(reply);
        assertThat(posted.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(posted.path("text").asText()).startsWith("Hub: ").contains("Open incidents: ").contains("Pending approvals: 0");
    }

    @Test
    void unsignedWronglySignedStaleAndReplayedRequestsAre401AndNeverServed() throws Exception {
        List<String> refusedReplies = new java.util.ArrayList<>();
        String body;

        refusedReplies.add(replyPath());
        body = command("UREADER", "help", refusedReplies.get(0));
        Answer unsigned = http.send("POST", SlackRequestVerifier.COMMANDS, form(), bytes(body));
        assertProblem(unsigned, 401, "X-Slack-Signature", "missing Slack signature header");

        refusedReplies.add(replyPath());
        body = command("UREADER", "help", refusedReplies.get(1));
        String timestamp = now();
        Answer wrong = send(SlackRequestVerifier.COMMANDS, body, timestamp, SlackSignature.sign("another-secret", timestamp, bytes(body)));
        assertProblem(wrong, 401, "X-Slack-Signature", "the signature does not match the request");
        Answer malformed = send(SlackRequestVerifier.COMMANDS, body, timestamp, "v0=zz");
        assertProblem(malformed, 401, "X-Slack-Signature", "X-Slack-Signature is not v0=<64 hex digits>");
        Answer noTimestamp = send(SlackRequestVerifier.COMMANDS, body, null, SlackSignature.sign(ChatTest.SIGNING_SECRET, "", bytes(body)));
        assertProblem(noTimestamp, 401, "X-Slack-Request-Timestamp", "must be the request's time in Unix seconds");

        refusedReplies.add(replyPath());
        body = command("UREADER", "help", refusedReplies.get(2));
        Answer stale = signed(SlackRequestVerifier.COMMANDS, body, Long.toString(Instant.now().minusSeconds(6 * 60).getEpochSecond()));
        assertProblem(stale, 401, "X-Slack-Request-Timestamp", "more than 5 minutes away");
        Answer future = signed(SlackRequestVerifier.COMMANDS, body, Long.toString(Instant.now().plusSeconds(6 * 60).getEpochSecond()));
        assertProblem(future, 401, "X-Slack-Request-Timestamp", "more than 5 minutes away");

        // Replayed: the first one is served, the same request again is not.
        String replayedReply = replyPath();
        body = command("UREADER", "help", replayedReply);
        timestamp = now();
        String signature = SlackSignature.sign(ChatTest.SIGNING_SECRET, timestamp, bytes(body));
        assertThat(send(SlackRequestVerifier.COMMANDS, body, timestamp, signature).status()).isEqualTo(200);
        assertProblem(send(SlackRequestVerifier.COMMANDS, body, timestamp, signature), 401, "X-Slack-Signature",
                "this request was received before (a replay)");
        assertProblem(send(SlackRequestVerifier.INTERACTIONS, body, timestamp, signature), 401, "X-Slack-Signature",
                "this request was received before (a replay)");

        awaitReply(replayedReply);
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo(replayedReply)))).hasSize(1);
        for (String refused : refusedReplies) {
            assertThat(SLACK.findAll(postRequestedFor(urlEqualTo(refused)))).as(refused).isEmpty();
        }
    }

    @Test
    void theSignatureIsCheckedOverTheRawBytesNotAReEncodedForm() throws Exception {
        // As Slack sends it: * as %2A, spaces as +, quotes and = encoded.
        String reply = replyPath();
        String raw = "token=x&team_id=T1&channel_id=C1&user_id=" + ChatTest.OPERATOR + "&command=%2Faiops"
                + "&text=silence+service%3D%22raw-bytes%22%2Calertname%3D%7E%22Disk.%2A%22+2h+disk+swap%2Ba%2Bb"
                + "&response_url=" + URLEncoder.encode(SLACK.baseUrl() + reply, StandardCharsets.UTF_8) + "&trigger_id=1.2.3";
        String timestamp = now();
        String signature = SlackSignature.sign(ChatTest.SIGNING_SECRET, timestamp, bytes(raw));

        // The same form decoded and encoded again differently (* and %20) carries the same fields, but is not
        // what was signed: refused.
        String reencoded = raw.replace("%2A", "*").replace("+", "%20");
        assertProblem(send(SlackRequestVerifier.COMMANDS, reencoded, timestamp, signature), 401, "X-Slack-Signature",
                "the signature does not match the request");

        Answer accepted = send(SlackRequestVerifier.COMMANDS, raw, timestamp, signature);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        JsonNode posted = awaitReply(reply);
        assertThat(posted.path("response_type").asText()).isEqualTo("in_channel");
        assertThat(posted.path("text").asText()).startsWith("Silenced service=\"raw-bytes\",alertname=~\"Disk.*\" for 2h");

        Map<String, Object> silence = jdbc.queryForMap("select matchers_json, created_by, comment from silences "
                + "where matchers_json like '%raw-bytes%'");
        assertThat(json.readTree((String) silence.get("matchers_json")).get(1).path("value").asText()).isEqualTo("Disk.*");
        assertThat(silence.get("created_by")).isEqualTo("slack:" + ChatTest.OPERATOR);
        assertThat(silence.get("comment")).isEqualTo("disk swap+a+b");
    }

    @Test
    void badFieldsAre400NamingTheFieldAndNothingIsDone() throws Exception {
        String reply = replyPath();
        String noUser = command("UREADER", "help", reply).replace("user_id=UREADER&", "");
        assertProblem(signed(SlackRequestVerifier.COMMANDS, noUser, now()), 400, "user_id", "is required");

        String elsewhere = command("UREADER", "help", reply).replace(
                URLEncoder.encode(SLACK.baseUrl(), StandardCharsets.UTF_8), URLEncoder.encode("https://evil.example", StandardCharsets.UTF_8));
        assertProblem(signed(SlackRequestVerifier.COMMANDS, elsewhere, now()), 400, "response_url", "must be a Slack response URL");

        assertProblem(signed(SlackRequestVerifier.INTERACTIONS, "payload=%7Bnot+json", now()), 400, "payload", "invalid JSON");
        assertProblem(signed(SlackRequestVerifier.INTERACTIONS, "payload=" + URLEncoder.encode(
                "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"actions\":{}}", StandardCharsets.UTF_8), now()),
                400, "payload.actions", "must be an array");
        assertProblem(signed(SlackRequestVerifier.COMMANDS, "user_id=U1&user_id=U2", now()), 400, "user_id", "appears more than once");
        assertThat(SLACK.getAllServeEvents()).isEmpty();
    }

    @Test
    void anOversizedSignedBodyIs413() throws Exception {
        String body = command("UREADER", "runbook " + "x".repeat(20_000), replyPath());
        Answer answer = signed(SlackRequestVerifier.COMMANDS, body, now());
        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void anApiTokenDoesNotOpenTheSlackPathsAndEncodedSpellingsNeedTheSignatureToo() throws Exception {
        String body = command("UREADER", "help", replyPath());
        Map<String, String> headers = form();
        headers.put("Authorization", "Bearer " + ChatTest.API_TOKEN);
        assertProblem(http.send("POST", SlackRequestVerifier.COMMANDS, headers, bytes(body)), 401, "X-Slack-Signature",
                "missing Slack signature header");
        assertProblem(http.send("POST", "/api/v1/chat/slack/%63ommands", headers, bytes(body)), 401, "X-Slack-Signature",
                "missing Slack signature header");
        assertProblem(http.send("POST", SlackRequestVerifier.INTERACTIONS, headers, bytes("payload=%7B%7D")), 401,
                "X-Slack-Signature", "missing Slack signature header");
        // A wrong bearer token is refused as everywhere.
        headers.put("Authorization", "Bearer guess");
        assertThat(http.send("POST", SlackRequestVerifier.COMMANDS, headers, bytes(body)).status()).isEqualTo(401);
    }

    private JsonNode awaitReply(String path) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> !SLACK.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());
        LoggedRequest request = SLACK.findAll(postRequestedFor(urlEqualTo(path))).get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        return json.readTree(request.getBodyAsString());
    }

    private void assertProblem(Answer answer, int status, String field, String detail) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.path("field").asText()).isEqualTo(field);
        assertThat(problem.path("detail").asText()).contains(detail);
    }

    private static String replyPath() {
        return "/commands/T1/" + UUID.randomUUID();
    }

    private static String command(String user, String text, String replyPath) {
        return "token=x&team_id=T1&team_domain=acme&channel_id=C1&channel_name=ops&user_id=" + user
                + "&user_name=someone&command=%2Faiops&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&api_app_id=A1&is_enterprise_install=false"
                + "&response_url=" + URLEncoder.encode(SLACK.baseUrl() + replyPath, StandardCharsets.UTF_8)
                + "&trigger_id=13345224609.738474920.8088930838d88f008e0";
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private Answer signed(String path, String body, String timestamp) throws Exception {
        return send(path, body, timestamp, SlackSignature.sign(ChatTest.SIGNING_SECRET, timestamp, bytes(body)));
    }

    private Answer send(String path, String body, String timestamp, String signature) throws Exception {
        Map<String, String> headers = form();
        if (timestamp != null) {
            headers.put("X-Slack-Request-Timestamp", timestamp);
        }
        headers.put("X-Slack-Signature", signature);
        return http.send("POST", path, headers, bytes(body));
    }

    private static Map<String, String> form() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)");
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
