package io.aiopshub.chat;

/**
 * The answer to one chat message. {@code announce}: the answer reports a change (an ack, a silence) that the
 * whole channel should see; otherwise only the asker sees it where the platform allows.
 */
public record ChatAnswer(String text, boolean announce) {

    public static ChatAnswer reply(String text) {
        return new ChatAnswer(text, false);
    }

    public static ChatAnswer announcement(String text) {
        return new ChatAnswer(text, true);
    }
}
