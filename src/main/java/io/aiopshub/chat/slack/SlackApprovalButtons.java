package io.aiopshub.chat.slack;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.aiopshub.chat.approval.ChatDecision;

/**
 * The buttons of a Slack approval message: {@code action_id} names the decision, {@code value} carries the
 * decision and the run's opaque callback id only ({@code approve:k3J9x}); never parameters, which a click
 * could otherwise send back altered.
 */
final class SlackApprovalButtons {

    static final String ACTION_PREFIX = "aiops-approval-";
    /** Callback ids are short opaque tokens (Telegram allows 64 bytes of callback data). */
    private static final Pattern CALLBACK_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private SlackApprovalButtons() { }

    /** A click on one of these buttons: what was decided, on which run. */
    record Click(ChatDecision decision, String callbackId) { }

    static String actionId(ChatDecision decision) {
        return ACTION_PREFIX + word(decision);
    }

    static String value(ChatDecision decision, String callbackId) {
        return word(decision) + ":" + callbackId;
    }

    /** The click an action stands for; empty for buttons that are not approval buttons or do not agree with themselves. */
    static Optional<Click> parse(SlackInteraction.Action action) {
        if (action.actionId() == null || !action.actionId().startsWith(ACTION_PREFIX) || action.value() == null) {
            return Optional.empty();
        }
        for (ChatDecision decision : ChatDecision.values()) {
            String prefix = word(decision) + ":";
            if (action.actionId().equals(actionId(decision)) && action.value().startsWith(prefix)) {
                String callbackId = action.value().substring(prefix.length());
                return CALLBACK_ID.matcher(callbackId).matches() ? Optional.of(new Click(decision, callbackId)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String word(ChatDecision decision) {
        return decision.name().toLowerCase(Locale.ROOT);
    }
}
