package io.aiopshub.chat;

/**
 * Who sent a chat message: the platform and the platform's user id (Slack {@code user.id}, Telegram
 * {@code from.id}), never a display name, which anyone can change.
 */
public record ChatUser(String channel, String id) {

    /** {@code slack:U024BE7LH}: the form the remediation policy and {@code aiops.chat.operators} use. */
    public String identity() {
        return channel + ":" + id;
    }
}
