package io.aiopshub.chat.slack;

/**
 * Handles button clicks (approve, reject, dry run details) once approvals exist: a bean of this type gets
 * every interaction the default inbox receives. Until then clicks are only logged.
 */
public interface SlackInteractionHandler {

    void handle(SlackInteraction interaction);
}
