package io.aiopshub.chat.telegram;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A failed getUpdates is logged without the bot token: camel-telegram's exception names the request URL,
 * which contains it, and Camel's default strategy would log that message as it is. The next poll tries again.
 */
@Component("telegramPollStrategy")
public class TelegramPollStrategy implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramPollStrategy.class);

    private final TelegramChatProperties properties;

    public TelegramPollStrategy(TelegramChatProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        // nothing to confirm: the consumer moves its offset itself
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        LOG.warn("Polling Telegram for updates failed (tries again): {}",
                TelegramSecrets.scrub(String.valueOf(cause.getMessage()), properties.getBotToken()));
        return false;
    }
}
