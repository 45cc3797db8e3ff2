package io.aiopshub.chat.telegram;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.config.ConsumerErrorHandler;

/**
 * The polling consumer's exception handler: a failed getUpdates is logged without the bot token.
 * camel-telegram's exception names the request URL, which contains the token, and Camel's default handler
 * logs that message and its stack trace as they are. The next poll tries again.
 */
@Component("telegramPollErrors")
public class TelegramPollErrors extends ConsumerErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramPollErrors.class);

    private final TelegramChatProperties properties;

    public TelegramPollErrors(TelegramChatProperties properties) {
        this.properties = properties;
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        LOG.warn("Polling Telegram for updates failed (tries again): {}",
                TelegramSecrets.scrub(exception == null ? String.valueOf(message) : String.valueOf(exception.getMessage()),
                        properties.getBotToken()));
    }
}
