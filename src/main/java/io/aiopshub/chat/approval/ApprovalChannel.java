package io.aiopshub.chat.approval;

import java.util.List;

/** A chat platform that shows approval messages with buttons and edits them later. */
public interface ApprovalChannel {

    /** {@code telegram} or {@code slack}: the channel part of a {@link io.aiopshub.chat.ChatUser}. */
    String name();

    /** Posts the message to every chat this channel is configured for; returns where each one landed. */
    List<PostedApproval> post(ApprovalMessage message);

    /**
     * Replaces a posted message with the current state: buttons stay only while the run awaits approval,
     * otherwise the message says who decided and when, or how the run ended.
     */
    void update(PostedApproval posted, ApprovalMessage message);
}
