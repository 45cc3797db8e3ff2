package io.aiopshub.chat.telegram;

/** Keeps the bot token out of log lines: Telegram's client may name the request URL, which contains it. */
final class TelegramSecrets {

    private TelegramSecrets() {
    }

    static String scrub(String text, String token) {
        if (text == null) {
            return "";
        }
        return token == null || token.isBlank() ? text : text.replace(token, "[REDACTED:telegram-token]");
    }
}
