package io.aiopshub.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.aiopshub.chat.approval.ApprovalMessage;
import io.aiopshub.chat.approval.ApprovalMessages;
import io.aiopshub.chat.approval.ChatApprovalService;
import io.aiopshub.chat.FlowHub;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.remediation.run.ActionRunStore;
import io.aiopshub.remediation.run.SshTarget;
import io.aiopshub.support.Payloads;
import io.aiopshub.support.RawHttp;
import io.aiopshub.support.RawHttp.Answer;

/**
 * Approvals through Slack with the hub's real parts: the analysis loop, the runner's routes, the remediation
 * policy (src/test/resources/chat/slack-policy.yaml: Slack members UOPS2 and UOPS3 approve), the real
 * {@code chatApprovals} service and the SSH executor against an in-process SSH server. Only Slack is a fake
 * (WireMock as slack.com/api and as the host of response URLs); clicks and slash commands arrive signed
 * through the real HTTP stack, signature check and inbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:slack-approval-flow;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=alice:alice-token,bob:bob-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.llm.catalog-file=src/test/resources/chat/catalog.yaml",
        "aiops.llm.analyst-rules-file=src/test/resources/remediation/analyst-rules.yaml",
        "aiops.llm.analysis-interval=300",
        "aiops.remediation.policy-file=src/test/resources/chat/slack-policy.yaml",
        "aiops.remediation.launch-interval=300ms",
        "aiops.remediation.verify-interval=300ms",
        "aiops.chat.approvals.poll-interval=200",
        "aiops.chat.approvals.link-base-url=https://hub.example.com/",
        "aiops.chat.slack.signing-secret=" + SlackApprovalFlowTest.SIGNING_SECRET,
        "aiops.chat.slack.bot-token=" + SlackApprovalFlowTest.TOKEN,
        "aiops.chat.slack.approval-channels=" + SlackApprovalFlowTest.CHANNEL,
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml,file:routes/analysis.yaml,"
                + "file:routes/remediation.yaml,file:routes/remediation-executor-ssh.yaml,file:routes/chat-approvals.yaml,"
                + "file:routes/chat.yaml"})
class SlackApprovalFlowTest {

    static final String SIGNING_SECRET = "slack-flow-signing-secret-0123456789";
    static final String TOKEN = "xoxb-flow-0000-secret";
    static final String CHANNEL = "C0APPROVE1";
    static final String TS = "1700000000.000100";
    static final SshTarget HOST = new SshTarget();
    static final WireMockServer SLACK = new WireMockServer(options().dynamicPort());

    static {
        SLACK.start();
        SLACK.stubFor(WireMock.post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"" + TS + "\"}")));
        SLACK.stubFor(WireMock.post(urlEqualTo("/api/chat.update"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"" + TS + "\"}")));
        SLACK.stubFor(WireMock.post(urlPathMatching("/(actions|commands)/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        HOST.settings().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("aiops.chat.slack.api-url", () -> SLACK.baseUrl() + "/api/");
        registry.add("aiops.chat.slack.response-url-prefix", () -> SLACK.baseUrl() + "/");
    }

    @AfterAll
    static void stop() throws Exception {
        HOST.close();
        SLACK.stop();
    }

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired IncidentEngine engine;
    @Autowired ApprovalMessages messages;
    @Autowired ActionRunStore runStore;
    private final ObjectMapper json = new ObjectMapper();
    private FlowHub hub;

    @BeforeEach
    void connect() {
        hub = new FlowHub(http, jdbc, engine, json);
    }

    @Test
    void anAlertsSuggestedActionIsApprovedByASlackButtonRunsOverSshAndTheMessageShowsTheResult() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        Map<String, String> down = Map.of("alertname", "ApiDown", "service", "checkout", "severity", "critical",
                "instance", "127.0.0.1:9100");
        String incident = hub.incidentOf(down, start);

        // The analysis loop suggests restart_service_ssh; the run awaits approval and the channel gets buttons.
        await().atMost(Duration.ofSeconds(30)).until(() -> runsOf(incident).size() == 1);
        String run = runsOf(incident).get(0);
        Map<String, String> posted = await().atMost(Duration.ofSeconds(30)).until(() -> apiCall("chat.postMessage", run), m -> m != null);
        String callbackId = jdbc.queryForObject("select callback_id from chat_approval_refs where run_id = ?", String.class, run);
        assertThat(callbackId).hasSize(10).doesNotContain(run);
        assertThat(posted.get("channel")).isEqualTo(CHANNEL);
        assertThat(posted.get("text")).isEqualTo("Approval needed: restart_service_ssh on 127.0.0.1 (risk medium), incident " + incident);
        assertThat(json.readTree(posted.get("blocks"))).isEqualTo(json.readTree(awaitingBlocks(incident, run, callbackId)));
        assertThat(HOST.ran("checkout.restarted")).as("a dry run runs nothing").isZero();
        assertThat(requests("/api/chat.postMessage")).filteredOn(form -> form.get("blocks").contains(run))
                .as("one message for the one channel").hasSize(1);
        assertThat(posted).containsOnlyKeys("channel", "text", "blocks", "link_names", "mrkdwn", "reply_broadcast", "unfurl_links",
                "unfurl_media").containsEntry("unfurl_links", "0").containsEntry("unfurl_media", "0");

        // Dry run details: only to the clicker.
        JsonNode details = click("UOUT", "details", callbackId, "t-details." + unique(), now());
        assertThat(details.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(details.path("text").asText()).startsWith("Dry run of restart_service_ssh on 127.0.0.1 (run " + run.substring(0, 8) + ")")
                .contains("touch 'checkout'.restarted").endsWith("Full run: https://hub.example.com/api/v1/actions/" + run);

        // A member the policy does not know: a polite refusal, nothing approved.
        JsonNode refused = click("UOUT", "approve", callbackId, "t-stranger." + unique(), now());
        assertThat(refused.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(refused.path("text").asText()).startsWith("Sorry, slack:UOUT may not approve this run")
                .endsWith("The attempt is on the incident's timeline.");
        assertThat(state(run)).isEqualTo("awaiting_approval");
        assertThat(decisionsOf(run)).isEmpty();

        // An approver: the run executes over SSH; the same click delivered again (same trigger id) counts once.
        String trigger = "13345224609.738474920." + unique();
        JsonNode approved = click("UOPS2", "approve", callbackId, trigger, now());
        assertThat(approved.path("response_type").asText()).isEqualTo("in_channel");
        assertThat(approved.path("text").asText()).startsWith("Approved by slack:UOPS2; the run is ");
        JsonNode again = click("UOPS2", "approve", callbackId, trigger, Long.toString(Instant.now().getEpochSecond() - 1));
        assertThat(again.path("text").asText()).isEqualTo(ChatApprovalService.DUPLICATE);
        hub.awaitState(run, "verifying");
        assertThat(HOST.ran("touch 'checkout'.restarted")).isOne();

        // Another approver, late.
        JsonNode late = click("UOPS3", "approve", callbackId, "t-late." + unique(), now());
        assertThat(late.path("text").asText()).startsWith("Already approved by slack:UOPS2; the run is ").endsWith("Nothing changed.");
        assertThat(decisionsOf(run)).containsExactly("slack:UOPS2/slack");

        // The alert resolves: the run succeeds and the message loses its buttons and shows the result.
        hub.post("/api/v1/alerts/alertmanager", Payloads.alertmanager("resolved", start, Instant.now(), down, "down"));
        hub.apply();
        hub.awaitState(run, "succeeded");
        Map<String, String> updated = await().atMost(Duration.ofSeconds(30)).until(() -> apiCall("chat.update", "Run succeeded"),
                m -> m != null);
        assertThat(updated.get("channel")).isEqualTo(CHANNEL);
        assertThat(updated.get("ts")).isEqualTo(TS);
        String status = messageOf(run).statusLine();
        assertThat(status).startsWith("Approved by slack:UOPS2 at ").contains("Run succeeded at ")
                .contains("verified: alerts_resolved: holds");
        assertThat(updated.get("text")).isEqualTo("restart_service_ssh on 127.0.0.1: " + SlackText.escape(status));
        JsonNode blocks = json.readTree(updated.get("blocks"));
        JsonNode expected = json.readTree(awaitingBlocks(incident, run, callbackId));
        assertThat(blocks.get(0)).isEqualTo(json.readTree(
                "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"restart_service_ssh: succeeded\"}}"));
        for (int i = 1; i < expected.size() - 1; i++) {
            assertThat(blocks.get(i)).as("block " + i + " as posted").isEqualTo(expected.get(i));
        }
        assertThat(blocks.get(expected.size() - 1)).isEqualTo(json.readTree("{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\","
                + "\"text\":" + json.writeValueAsString(SlackText.escape(status)) + "}]}"));
        assertThat(blocks).hasSize(expected.size());
        assertThat(blocks.findValues("type")).extracting(JsonNode::asText).doesNotContain("actions", "button");
        assertThat(HOST.ran("touch 'checkout'.restarted")).as("run once").isOne();

        JsonNode timeline = hub.getJson("/api/v1/incidents/" + incident).at("/timeline");
        assertThat(FlowHub.kinds(timeline)).containsSubsequence("analysis", "action_proposed", "action_awaiting_approval",
                "action_decision_refused", "action_approved", "action_running", "action_verifying", "action_succeeded");
        assertThat(FlowHub.actorOf(timeline, "action_decision_refused")).isEqualTo("slack:UOUT");
        assertThat(FlowHub.actorOf(timeline, "action_approved")).isEqualTo("slack:UOPS2");
    }

    @Test
    void typedApproveAndRejectBySlackMembersTakeTheSamePathAsTheButtons() throws Exception {
        String run = propose("typed-one");
        hub.awaitState(run, "awaiting_approval");
        String shortId = run.substring(0, 8);

        JsonNode stranger = command("UOUT", "approve " + shortId);
        assertThat(stranger.path("text").asText()).startsWith("Sorry, slack:UOUT may not approve this run");
        assertThat(state(run)).isEqualTo("awaiting_approval");

        JsonNode approved = command("UOPS3", "approve " + shortId);
        assertThat(approved.path("text").asText()).startsWith("Approved by slack:UOPS3; the run is ");
        await().atMost(Duration.ofSeconds(30)).until(() -> HOST.ran("touch 'typed-one'.restarted") == 1);
        assertThat(command("UOPS3", "approve " + shortId).path("text").asText()).startsWith("You approved this run already; it is ");

        String other = propose("typed-two");
        hub.awaitState(other, "awaiting_approval");
        JsonNode rejected = command("UOPS2", "reject " + other.substring(0, 8) + " not during the sale");
        assertThat(rejected.path("text").asText()).isEqualTo("Rejected by slack:UOPS2; the run is rejected. Nothing ran.");
        assertThat(jdbc.queryForList("select decided_by || '/' || channel || '/' || coalesce(comment, '') from action_run_decisions"
                + " where run_id = ?", String.class, other)).containsExactly("slack:UOPS2/slack/not during the sale");
        String callbackId = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "select callback_id from chat_approval_refs where run_id = ?", String.class, other), ids -> ids.size() == 1).get(0);
        JsonNode button = click("UOPS3", "approve", callbackId, "t-after-reject." + unique(), now());
        assertThat(button.path("text").asText()).isEqualTo("Already rejected by slack:UOPS2; nothing changed.");
        Thread.sleep(1000);
        assertThat(HOST.ran("typed-two")).as("only the dry run reached the host").isZero();
    }

    private String awaitingBlocks(String incident, String run, String callbackId) throws Exception {
        String excerpt = messageOf(run).dryRunExcerpt();
        assertThat(excerpt).startsWith("succeeded: ").contains("touch 'checkout'.restarted");
        return """
                [{"type":"header","text":{"type":"plain_text","text":"Approval needed: restart_service_ssh"}},
                 {"type":"section","text":{"type":"mrkdwn",
                   "text":%s}},
                 {"type":"section","fields":[{"type":"mrkdwn","text":"*Risk*\\nmedium"},{"type":"mrkdwn","text":"*Target*\\n127.0.0.1"},
                   {"type":"mrkdwn","text":"*Run*\\n`%s`"}]},
                 {"type":"section","text":{"type":"mrkdwn","text":"*Parameters*\\n• `host` = `127.0.0.1`\\n• `service` = `checkout`"}},
                 {"type":"section","text":{"type":"mrkdwn",
                   "text":%s}},
                 {"type":"actions","block_id":"aiops-approval-buttons","elements":[
                   {"type":"button","text":{"type":"plain_text","text":"Approve"},"action_id":"aiops-approval-approve",
                    "value":"approve:%s","style":"primary"},
                   {"type":"button","text":{"type":"plain_text","text":"Reject"},"action_id":"aiops-approval-reject",
                    "value":"reject:%s","style":"danger"},
                   {"type":"button","text":{"type":"plain_text","text":"Dry run details"},"action_id":"aiops-approval-details",
                    "value":"details:%s"}]}]""".formatted(
                json.writeValueAsString("*Incident* `" + incident + "` ApiDown: down"
                        + "\n*Action* `restart_service_ssh`: Restart a service over SSH (here, mark it restarted)."),
                run,
                json.writeValueAsString("*Dry run* (shortened; <https://hub.example.com/api/v1/actions/" + run + "|full dry run>)\n```"
                        + SlackText.escape(excerpt).replace('`', '\'') + "```"),
                callbackId, callbackId, callbackId);
    }

    /** A signed click on one of the approval message's buttons, as Slack posts it; returns the answer at its response URL. */
    private JsonNode click(String user, String button, String callbackId, String triggerId, String timestamp) throws Exception {
        String reply = "/actions/T1/" + UUID.randomUUID();
        String payload = """
                {"type":"block_actions","team":{"id":"T1","domain":"acme"},"user":{"id":"%s","username":"u","team_id":"T1"},
                 "api_app_id":"A1","token":"legacy","container":{"type":"message","message_ts":"%s",
                 "channel_id":"%s","is_ephemeral":false},"trigger_id":"%s","channel":{"id":"%s","name":"ops"},
                 "response_url":"%s",
                 "actions":[{"type":"button","action_id":"aiops-approval-%s","value":"%s:%s","block_id":"aiops-approval-buttons",
                 "action_ts":"1700000100.000001"}]}"""
                .formatted(user, TS, CHANNEL, triggerId, CHANNEL, SLACK.baseUrl() + reply, button, button, callbackId);
        Answer ack = signed(SlackRequestVerifier.INTERACTIONS, "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8),
                timestamp);
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        return awaitReply(reply);
    }

    /** A signed {@code /aiops <text>} slash command by a Slack member; returns the answer at its response URL. */
    private JsonNode command(String user, String text) throws Exception {
        String reply = "/commands/T1/" + UUID.randomUUID();
        String body = "token=x&team_id=T1&team_domain=acme&channel_id=" + CHANNEL + "&channel_name=ops&user_id=" + user
                + "&user_name=someone&command=%2Faiops&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&api_app_id=A1&is_enterprise_install=false"
                + "&response_url=" + URLEncoder.encode(SLACK.baseUrl() + reply, StandardCharsets.UTF_8)
                + "&trigger_id=13345224609.738474920." + unique();
        Answer ack = signed(SlackRequestVerifier.COMMANDS, body, now());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        return awaitReply(reply);
    }

    private Answer signed(String path, String body, String timestamp) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("X-Slack-Request-Timestamp", timestamp);
        headers.put("X-Slack-Signature", SlackSignature.sign(SIGNING_SECRET, timestamp, bytes));
        return new RawHttp(port).send("POST", path, headers, bytes);
    }

    private JsonNode awaitReply(String path) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !SLACK.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());
        List<LoggedRequest> replies = SLACK.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(replies).as("one answer per click or command").hasSize(1);
        assertThat(replies.get(0).getHeader("Content-Type")).startsWith("application/json");
        return json.readTree(replies.get(0).getBodyAsString());
    }

    private List<Map<String, String>> requests(String path) {
        List<Map<String, String>> found = new ArrayList<>();
        for (LoggedRequest request : SLACK.findAll(postRequestedFor(urlEqualTo(path)))) {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            found.add(FormBody.parse(request.getBody()));
        }
        return found;
    }

    /** The last Web API call of {@code method} whose blocks mention {@code part}; null when none yet. */
    private Map<String, String> apiCall(String method, String part) {
        List<Map<String, String>> found = requests("/api/" + method).stream()
                .filter(form -> form.getOrDefault("blocks", "").contains(part)).toList();
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    /** The message's own view of the run (its status line and dry run excerpt are checked for their content). */
    private ApprovalMessage messageOf(String run) {
        return messages.of(runStore.find(run).orElseThrow());
    }

    private String propose(String service) throws Exception {
        ResponseEntity<String> proposed = hub.call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"127.0.0.1\", \"service\": \"%s\"}}".formatted(service));
        assertThat(proposed.getStatusCode().value()).as(proposed.getBody()).isEqualTo(201);
        return json.readTree(proposed.getBody()).at("/run/id").asText();
    }

    private List<String> decisionsOf(String run) {
        return jdbc.queryForList("select decided_by || '/' || channel from action_run_decisions where run_id = ?", String.class, run);
    }

    private List<String> runsOf(String incident) {
        return jdbc.queryForList("select id from action_runs where incident_id = ?", String.class, incident);
    }

    private String state(String run) {
        return jdbc.queryForObject("select state from action_runs where id = ?", String.class, run);
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }
}
