package io.aiopshub.chat.slack;

/**
 * Where verified Slack requests go, off the request thread (Slack wants its answer within 3 s; the work
 * happens after). The {@code chat-slack-inbox} route hands every event to {@link #deliver}.
 */
public interface SlackInbox {

    void command(SlackCommand command);

    void interaction(SlackInteraction interaction);

    default void deliver(SlackInboundEvent event) {
        if (event instanceof SlackCommand command) {
            command(command);
        } else if (event instanceof SlackInteraction interaction) {
            interaction(interaction);
        }
    }
}
