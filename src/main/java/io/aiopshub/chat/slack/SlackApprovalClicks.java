package io.aiopshub.chat.slack;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatProperties;
import io.aiopshub.chat.ChatUser;
import io.aiopshub.chat.approval.ChatApprovals;
import io.aiopshub.chat.approval.ChatDecision;
import io.aiopshub.redact.Redactor;

/**
 * Clicks on the buttons of Slack approval messages: each becomes a {@link ChatApprovals#decide} by the Slack
 * member id of the person who clicked (never a display name), and the answer goes back to that person at the
 * click's response URL. Runs on the inbox's worker, after Slack already had its 200.
 */
@Component
public class SlackApprovalClicks implements SlackInteractionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SlackApprovalClicks.class);
    /** The full dry run may be longer than a command's answer, but Slack cuts message text at 40,000 characters. */
    static final int DETAILS_LIMIT = 12_000;
    static final String UNAVAILABLE = "Approvals are not available on this hub (the approval service is not running); "
            + "nothing was changed.";
    private static final String CUT = "\n… (cut: too long for Slack; the dry run link has all of it)";

    private final ObjectProvider<ChatApprovals> approvals;
    private final SlackResponder responder;
    private final Redactor redactor;
    private final int maxAnswerLength;

    public SlackApprovalClicks(ObjectProvider<ChatApprovals> approvals, SlackResponder responder, Redactor redactor,
                               ChatProperties properties) {
        this.approvals = approvals;
        this.responder = responder;
        this.redactor = redactor;
        this.maxAnswerLength = Math.max(CUT.length() + 1, properties.getMaxAnswerLength());
    }

    @Override
    public void handle(SlackInteraction interaction) {
        if (!"block_actions".equals(interaction.type())) {
            return;
        }
        ChatUser user = new ChatUser(SlackRequestVerifier.NAME, interaction.userId());
        for (SlackInteraction.Action action : interaction.actions()) {
            Optional<SlackApprovalButtons.Click> click = SlackApprovalButtons.parse(action);
            if (click.isEmpty()) {
                continue;
            }
            ChatAnswer answer = decide(user, click.get(), clickId(interaction, action));
            responder.replyToClick(interaction.responseUrl(), answer);
        }
    }

    private ChatAnswer decide(ChatUser user, SlackApprovalButtons.Click click, String clickId) {
        ChatApprovals service = approvals.getIfUnique();
        if (service == null) {
            return ChatAnswer.reply(UNAVAILABLE);
        }
        ChatAnswer answer;
        try {
            answer = service.decide(user, click.callbackId(), click.decision(), clickId, null);
        } catch (RuntimeException e) {
            LOG.warn("Slack approval click by {} on {} failed: {}", user.identity(), click.callbackId(),
                    redactor.redact(String.valueOf(e.getMessage())), e);
            return ChatAnswer.reply("Sorry, that failed (" + e.getClass().getSimpleName()
                    + "; the hub's log has the details). Nothing was decided by this click.");
        }
        boolean details = click.decision() == ChatDecision.DETAILS;
        String text = bounded(redactor.redact(answer.text()), details ? DETAILS_LIMIT : maxAnswerLength);
        // The dry run is shown to the one who asked, never to the whole channel.
        return new ChatAnswer(text, answer.announce() && !details);
    }

    /**
     * Slack's id of this click: the trigger id, unique per interaction and the same when Slack retries the
     * delivery; without one, when and by whom the button was clicked.
     */
    private static String clickId(SlackInteraction interaction, SlackInteraction.Action action) {
        if (interaction.triggerId() != null && !interaction.triggerId().isBlank()) {
            return interaction.triggerId();
        }
        return action.actionTs() == null ? null : action.actionTs() + ":" + interaction.userId();
    }

    private static String bounded(String text, int limit) {
        if (text == null) {
            return "";
        }
        return text.length() <= limit ? text : text.substring(0, limit - CUT.length()) + CUT;
    }
}
