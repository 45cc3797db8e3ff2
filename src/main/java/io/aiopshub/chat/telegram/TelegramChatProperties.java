package io.aiopshub.chat.telegram;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code aiops.chat.telegram.*}: the Telegram bot as a two-way chat (commands, approval buttons). */
@ConfigurationProperties(prefix = "aiops.chat.telegram")
public class TelegramChatProperties {

    /** The bot's token from BotFather. Empty: Telegram chat is off (no polling, no approval messages). */
    private String botToken = "";
    /** The Bot API's address; tests point it at a fake. */
    private String baseUrl = "https://api.telegram.org";
    /**
     * Chats (ids; groups are negative) that get approval messages and whose members may send commands.
     * Outside them only the identities in {@code aiops.chat.operators} are answered, in a private chat.
     */
    private List<String> approvalChatIds = new ArrayList<>();
    /** The notification channel's chat: the approval chat when {@code approvalChatIds} names none. */
    private String notificationChatId = "";

    public boolean enabled() {
        return botToken != null && !botToken.isBlank();
    }

    public String getBotToken() { return botToken; }
    public void setBotToken(String botToken) { this.botToken = botToken; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public List<String> getApprovalChatIds() { return approvalChatIds; }
    public void setApprovalChatIds(List<String> approvalChatIds) { this.approvalChatIds = approvalChatIds; }
    public String getNotificationChatId() { return notificationChatId; }
    public void setNotificationChatId(String notificationChatId) { this.notificationChatId = notificationChatId; }

    /**
     * The configured chat ids, trimmed, without empty entries (an unset environment variable gives one); the
     * notification chat when none is configured.
     */
    public List<String> chatIds() {
        List<String> ids = approvalChatIds.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty() && notificationChatId != null && !notificationChatId.isBlank()) {
            return List.of(notificationChatId.trim());
        }
        return ids;
    }
}
