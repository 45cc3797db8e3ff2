package io.aiopshub.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.aiopshub.chat.ChatProperties;
import io.aiopshub.chat.approval.ApprovalMessage;
import io.aiopshub.chat.approval.PostedApproval;
import io.aiopshub.remediation.ActionRunState;

/** Approval messages against WireMock as slack.com/api: the exact chat.postMessage and chat.update requests. */
class SlackApprovalChannelTest {

    static final WireMockServer SLACK = new WireMockServer(options().dynamicPort());
    static final String TOKEN = "xoxb-test-0000-secret";

    /** The approval message as Slack gets it for {@link #awaiting()}. */
    static final String AWAITING_BLOCKS = """
            [{"type":"header","text":{"type":"plain_text","text":"Approval needed: restart_service"}},
             {"type":"section","text":{"type":"mrkdwn",
               "text":"*Incident* `inc-42` checkout 5xx &lt;!channel&gt; &amp; co\\n*Action* `restart_service`: Restart a systemd service"}},
             {"type":"section","fields":[{"type":"mrkdwn","text":"*Risk*\\nmedium"},{"type":"mrkdwn","text":"*Target*\\nweb-1"},
               {"type":"mrkdwn","text":"*Run*\\n`run-7f3a`"}]},
             {"type":"section","text":{"type":"mrkdwn","text":"*Parameters*\\n• `service` = `nginx`\\n• `host` = `web-1`"}},
             {"type":"section","text":{"type":"mrkdwn",
               "text":"*Dry run* (shortened; <https://hub.example/api/v1/remediation/runs/run-7f3a/dry-run|full dry run>)\\n```would restart nginx.service on web-1```"}},
             {"type":"actions","block_id":"aiops-approval-buttons","elements":[
               {"type":"button","text":{"type":"plain_text","text":"Approve"},"action_id":"aiops-approval-approve",
                "value":"approve:k3J9x","style":"primary"},
               {"type":"button","text":{"type":"plain_text","text":"Reject"},"action_id":"aiops-approval-reject",
                "value":"reject:k3J9x","style":"danger"},
               {"type":"button","text":{"type":"plain_text","text":"Dry run details"},"action_id":"aiops-approval-details",
                "value":"details:k3J9x"}]}]""";

    static {
        SLACK.start();
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop();
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<SlackWebApi> clients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        SLACK.resetAll();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (SlackWebApi client : clients) {
            client.destroy();
        }
    }

    @Test
    void postsOneBlockKitMessagePerChannelWithTheBotTokenAndKeepsEachTs() throws Exception {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=C0APPROVE1"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0APPROVE1\",\"ts\":\"1700000000.000100\"}")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=C0APPROVE2"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0APPROVE2\",\"ts\":\"1700000000.000200\"}")));
        SlackApprovalChannel channel = channel(TOKEN, "C0APPROVE1", " C0APPROVE2 ", "");

        List<PostedApproval> posted = channel.post(awaiting());

        assertThat(posted).containsExactly(
                new PostedApproval("run-7f3a", "slack", "C0APPROVE1", "1700000000.000100"),
                new PostedApproval("run-7f3a", "slack", "C0APPROVE2", "1700000000.000200"));
        List<LoggedRequest> requests = SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")));
        assertThat(requests).hasSize(2);
        for (int i = 0; i < 2; i++) {
            LoggedRequest request = requests.get(i);
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
            Map<String, String> form = FormBody.parse(request.getBody());
            assertThat(form).doesNotContainKey("token");
            assertThat(form.get("channel")).isEqualTo("C0APPROVE" + (i + 1));
            assertThat(form.get("text")).isEqualTo("Approval needed: restart_service on web-1 (risk medium), incident inc-42");
            assertThat(form.get("unfurl_links")).isEqualTo("0");
            assertThat(json.readTree(form.get("blocks"))).isEqualTo(json.readTree(AWAITING_BLOCKS));
        }
    }

    @Test
    void afterTheDecisionChatUpdateReplacesTheMessageWithoutButtons() throws Exception {
        SLACK.stubFor(post(urlEqualTo("/api/chat.update"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0APPROVE1\",\"ts\":\"1700000000.000100\"}")));
        SlackApprovalChannel channel = channel(TOKEN, "C0APPROVE1");
        ApprovalMessage m = awaiting();
        ApprovalMessage done = new ApprovalMessage(m.runId(), m.callbackId(), m.incidentId(), m.incidentTitle(), m.actionId(),
                m.actionDescription(), m.risk(), m.target(), m.parameters(), m.dryRunExcerpt(), m.dryRunLink(),
                ActionRunState.SUCCEEDED, "Approved by slack:U024BE7LH at 10:31 UTC; run succeeded at 10:32 UTC");

        channel.update(new PostedApproval("run-7f3a", "slack", "C0APPROVE1", "1700000000.000100"), done);

        List<LoggedRequest> requests = SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.update")));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        Map<String, String> form = FormBody.parse(requests.get(0).getBody());
        assertThat(form.get("channel")).isEqualTo("C0APPROVE1");
        assertThat(form.get("ts")).isEqualTo("1700000000.000100");
        assertThat(form.get("text"))
                .isEqualTo("restart_service on web-1: Approved by slack:U024BE7LH at 10:31 UTC; run succeeded at 10:32 UTC");
        JsonNode blocks = json.readTree(form.get("blocks"));
        assertThat(blocks.get(0)).isEqualTo(json.readTree(
                "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"restart_service: succeeded\"}}"));
        assertThat(blocks.get(blocks.size() - 1)).isEqualTo(json.readTree("""
                {"type":"context","elements":[{"type":"mrkdwn",
                 "text":"Approved by slack:U024BE7LH at 10:31 UTC; run succeeded at 10:32 UTC"}]}"""));
        assertThat(blocks.findValues("type")).extracting(JsonNode::asText).doesNotContain("actions", "button");
        // Between the header and the status line: the message as it was posted, buttons gone.
        JsonNode posted = json.readTree(AWAITING_BLOCKS);
        assertThat(blocks).hasSize(posted.size());
        for (int i = 1; i < posted.size() - 1; i++) {
            assertThat(blocks.get(i)).isEqualTo(posted.get(i));
        }
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")))).isEmpty();
    }

    @Test
    void aChannelSlackRefusesIsLeftOutAndTheOthersStillGetTheirMessage() {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=C0GONE"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=C0DOWN"))
                .willReturn(aResponse().withStatus(500).withBody("oops")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=C0OK"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0OK\",\"ts\":\"1700000000.000300\"}")));

        List<PostedApproval> posted = channel(TOKEN, "C0GONE", "C0DOWN", "C0OK").post(awaiting());

        assertThat(posted).containsExactly(new PostedApproval("run-7f3a", "slack", "C0OK", "1700000000.000300"));
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")))).hasSize(3);
    }

    @Test
    void aFailedUpdateIsThrownWithSlacksErrorAndNeverTheToken() {
        SLACK.stubFor(post(urlEqualTo("/api/chat.update")).willReturn(okJson("{\"ok\":false,\"error\":\"message_not_found\"}")));
        SlackApprovalChannel channel = channel(TOKEN, "C0APPROVE1");
        PostedApproval posted = new PostedApproval("run-7f3a", "slack", "C0APPROVE1", "1700000000.000100");

        assertThatThrownBy(() -> channel.update(posted, awaiting()))
                .isInstanceOf(SlackWebApi.SlackApiCallException.class)
                .hasMessage("chat.update refused: message_not_found");

        SLACK.resetAll();
        SLACK.stubFor(post(urlEqualTo("/api/chat.update")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
        assertThatThrownBy(() -> channel.update(posted, awaiting()))
                .isInstanceOf(SlackWebApi.SlackApiCallException.class)
                .hasMessageStartingWith("chat.update failed with HTTP 429")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void withoutABotTokenTheChannelIsOffAndSlackHearsNothing() {
        SLACK.stubFor(post(anyUrl()).willReturn(okJson("{\"ok\":true,\"ts\":\"1.2\"}")));
        SlackApprovalChannel off = channel("  ", "C0APPROVE1");

        assertThat(off.enabled()).isFalse();
        assertThat(off.post(awaiting())).isEmpty();
        off.update(new PostedApproval("run-7f3a", "slack", "C0APPROVE1", "1700000000.000100"), awaiting());
        assertThat(SLACK.findAll(anyRequestedFor(anyUrl()))).isEmpty();

        // A token without channels posts nothing either, and a message of another channel is never edited here.
        SlackApprovalChannel noChannels = channel(TOKEN);
        assertThat(noChannels.enabled()).isFalse();
        assertThat(noChannels.post(awaiting())).isEmpty();
        channel(TOKEN, "C0APPROVE1").update(new PostedApproval("run-7f3a", "telegram", "42", "17"), awaiting());
        assertThat(SLACK.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void textsCannotBreakOutOfTheLayout() throws Exception {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\":true,\"ts\":\"1.3\"}")));
        ApprovalMessage hostile = new ApprovalMessage("run-1", "cb1", "inc-1", "x", "act", "", "high", "db-1",
                Map.of("cmd", "a`b <@U1>"), "```\n<!here> " + "y".repeat(5000), "javascript:alert(1)|<x>",
                ActionRunState.AWAITING_APPROVAL, "");

        channel(TOKEN, "C1").post(hostile);

        JsonNode blocks = json.readTree(FormBody.parse(SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")))
                .get(0).getBody()).get("blocks"));
        assertThat(blocks.get(3).path("text").path("text").asText()).isEqualTo("*Parameters*\n• `cmd` = `a'b &lt;@U1&gt;`");
        String dryRun = blocks.get(4).path("text").path("text").asText();
        assertThat(dryRun).hasSizeLessThanOrEqualTo(3000)
                .startsWith("*Dry run* (shortened; full dry run: `javascript:alert(1)|&lt;x&gt;`)\n```'''\n&lt;!here&gt; yyy")
                .endsWith("y…```")
                .doesNotContain("<");
    }

    private SlackApprovalChannel channel(String token, String... channels) {
        ChatProperties properties = new ChatProperties();
        properties.getSlack().setBotToken(token);
        properties.getSlack().setApiUrl(SLACK.baseUrl() + "/api");
        properties.getSlack().setApprovalChannels(List.of(channels));
        SlackWebApi api = new SlackWebApi(properties);
        clients.add(api);
        return new SlackApprovalChannel(api, properties);
    }

    static ApprovalMessage awaiting() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("service", "nginx");
        parameters.put("host", "web-1");
        return new ApprovalMessage("run-7f3a", "k3J9x", "inc-42", "checkout 5xx <!channel> & co", "restart_service",
                "Restart a systemd service", "medium", "web-1", parameters,
                "would restart nginx.service on web-1", "https://hub.example/api/v1/remediation/runs/run-7f3a/dry-run",
                ActionRunState.AWAITING_APPROVAL, "");
    }

    private static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }
}
