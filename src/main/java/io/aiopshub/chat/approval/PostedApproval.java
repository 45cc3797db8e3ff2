package io.aiopshub.chat.approval;

/**
 * Where an approval message landed, kept so it can be edited later.
 *
 * @param channel    {@code telegram} or {@code slack}
 * @param chatId     the Telegram chat id or Slack channel id
 * @param messageRef the Telegram message id or Slack message {@code ts}
 */
public record PostedApproval(String runId, String channel, String chatId, String messageRef) { }
