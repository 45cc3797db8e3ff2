package io.aiopshub.chat.approval;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatUser;

/**
 * A decision from chat on a run. The person is the chat user id, mapped by the remediation policy
 * ({@code config/remediation.yaml}, {@code telegram:<id>} / {@code slack:<id>}); the runner's policy,
 * two-person rule and compare-and-set decide, so chat can never run anything on its own.
 */
public interface ChatApprovals {

    /**
     * @param runRef   a button's callback id or a run id (as typed in {@code approve <run>})
     * @param clickId  the platform's id of this click (Telegram callback query id, Slack action payload
     *                 trigger id), deduplicated across restarts and instances; {@code null} for typed commands
     * @param comment  optional reason (reject) or comment
     * @return the short answer shown to the person ("Approved (1 of 2)", "already approved by ...",
     *         "sorry, telegram:42 may not approve high runs"); a refusal is also on the incident's timeline
     */
    ChatAnswer decide(ChatUser user, String runRef, ChatDecision decision, String clickId, String comment);
}
