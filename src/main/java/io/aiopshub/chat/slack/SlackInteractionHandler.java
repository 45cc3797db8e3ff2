package io.aiopshub.chat.slack;

/**
 * Handles button clicks: the one bean of this type ({@link SlackApprovalClicks}) gets every interaction the
 * default inbox receives.
 */
public interface SlackInteractionHandler {

    void handle(SlackInteraction interaction);
}
