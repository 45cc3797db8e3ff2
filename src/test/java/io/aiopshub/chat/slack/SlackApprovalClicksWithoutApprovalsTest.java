package io.aiopshub.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatProperties;
import io.aiopshub.chat.approval.ChatApprovals;
import io.aiopshub.redact.Redactor;

/**
 * A click while the hub has no approval service, or while it fails: the clicker is told plainly and nothing is
 * decided (WireMock as Slack's response URL).
 */
class SlackApprovalClicksWithoutApprovalsTest {

    static final WireMockServer SLACK = new WireMockServer(options().dynamicPort());

    static {
        SLACK.start();
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop();
    }

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        SLACK.resetAll();
        SLACK.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @Test
    void withoutAnApprovalServiceTheClickerHearsApprovalsAreNotAvailable() throws Exception {
        DefaultListableBeanFactory none = new DefaultListableBeanFactory();
        clicks(none.getBeanProvider(ChatApprovals.class)).handle(click("/actions/1", "aiops-approval-approve", "approve:k3J9x"));

        JsonNode answer = json.readTree(SLACK.findAll(postRequestedFor(urlEqualTo("/actions/1"))).get(0).getBodyAsString());
        assertThat(answer.path("text").asText()).isEqualTo(SlackApprovalClicks.UNAVAILABLE);
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("replace_original").asBoolean(true)).isFalse();
        // The response URL lets its holder post into the channel: never in a log line.
        assertThat(click("/actions/1", "aiops-approval-approve", "approve:k3J9x").toString())
                .doesNotContain("/actions/1").contains("trigger=13345224609.738474920.1");
    }

    @Test
    void aFailingDecisionIsAnsweredWithoutItsMessageAndOtherInteractionsAreIgnored() throws Exception {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("approvals", (ChatApprovals) (user, runRef, decision, clickId, comment) -> {
            throw new IllegalStateException("database password=hunter2hunter2 refused");
        });
        SlackApprovalClicks clicks = clicks(beans.getBeanProvider(ChatApprovals.class));

        clicks.handle(click("/actions/2", "aiops-approval-reject", "reject:k3J9x"));
        clicks.handle(new SlackInteraction("view_submission", "T1", "U1", null, null, SLACK.baseUrl() + "/actions/3", "t3",
                List.of(new SlackInteraction.Action("aiops-approval-approve", "approve:k3J9x", null))));

        String text = json.readTree(SLACK.findAll(postRequestedFor(urlEqualTo("/actions/2"))).get(0).getBodyAsString())
                .path("text").asText();
        assertThat(text).isEqualTo("Sorry, that failed (IllegalStateException; the hub's log has the details). "
                + "Nothing was decided by this click.");
        assertThat(SLACK.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void dryRunDetailsAreRedactedBoundedAndOnlyForTheClicker() throws Exception {
        // The real service's dry runs in the tests hold no secret and are short; here one that has both.
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("approvals", (ChatApprovals) (user, runRef, decision, clickId, comment) -> ChatAnswer.announcement(
                "Dry run of " + runRef + ":\nTASK [restart] changed: db_password=hunter2hunter2\n" + "z".repeat(20_000)));
        clicks(beans.getBeanProvider(ChatApprovals.class)).handle(click("/actions/4", "aiops-approval-details", "details:k3J9x"));

        JsonNode answer = json.readTree(SLACK.findAll(postRequestedFor(urlEqualTo("/actions/4"))).get(0).getBodyAsString());
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText())
                .startsWith("Dry run of k3J9x:\nTASK [restart] changed: db_password=[REDACTED:password]\nzzz")
                .doesNotContain("hunter2")
                .endsWith("(cut: too long for Slack; the dry run link has all of it)")
                .hasSize(SlackApprovalClicks.DETAILS_LIMIT);
    }

    private SlackApprovalClicks clicks(ObjectProvider<ChatApprovals> approvals) {
        ChatProperties properties = new ChatProperties();
        properties.getSlack().setResponseUrlPrefix(SLACK.baseUrl() + "/");
        return new SlackApprovalClicks(approvals, new SlackResponder(json, properties), new Redactor(), properties);
    }

    private static SlackInteraction click(String replyPath, String actionId, String value) {
        return new SlackInteraction("block_actions", "T1", "UAPPROVER", "C0APPROVE1", "1700000000.000100",
                SLACK.baseUrl() + replyPath, "13345224609.738474920.1", List.of(new SlackInteraction.Action(actionId, value, null)));
    }
}
