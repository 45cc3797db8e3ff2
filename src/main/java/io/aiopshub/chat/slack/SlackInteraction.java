package io.aiopshub.chat.slack;

import java.util.List;

/**
 * A click on a message's button ({@code type=block_actions}) or another interaction Slack posts to the
 * interactivity URL. Channel, message, response URL and trigger id are null when the interaction has none.
 * {@code responseUrl} is kept out of {@link #toString()}.
 */
public record SlackInteraction(String type, String teamId, String userId, String channelId, String messageTs,
                               String responseUrl, String triggerId, List<Action> actions) implements SlackInboundEvent {

    /**
     * One button: its {@code action_id}, the {@code value} the hub gave it (a short opaque id) and Slack's
     * {@code action_ts} (when it was clicked; null when absent).
     */
    public record Action(String actionId, String value, String actionTs) { }

    public SlackInteraction {
        actions = List.copyOf(actions);
    }

    @Override
    public String toString() {
        return "SlackInteraction[type=" + type + ", user=" + userId + ", channel=" + channelId + ", message=" + messageTs
                + ", trigger=" + triggerId + ", actions=" + actions + "]";
    }
}
