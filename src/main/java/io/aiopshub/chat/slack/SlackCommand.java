package io.aiopshub.chat.slack;

/**
 * A slash command ({@code /aiops incidents api}) as Slack posts it. {@code responseUrl} lets its holder post
 * into the channel for a while, so it is kept out of {@link #toString()} (and so out of logs).
 */
public record SlackCommand(String teamId, String channelId, String userId, String command, String text,
                           String responseUrl, String triggerId) implements SlackInboundEvent {

    @Override
    public String toString() {
        return "SlackCommand[team=" + teamId + ", channel=" + channelId + ", user=" + userId + ", command=" + command
                + ", text.length=" + (text == null ? 0 : text.length()) + "]";
    }
}
