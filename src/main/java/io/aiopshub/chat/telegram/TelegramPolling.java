package io.aiopshub.chat.telegram;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the bot's long polling (route {@code chat-telegram-updates}, leader-only) when a bot token is set;
 * without one the route stays stopped and the hub never calls Telegram.
 */
@Component
public class TelegramPolling {

    static final String ROUTE = "chat-telegram-updates";
    private static final Logger LOG = LoggerFactory.getLogger(TelegramPolling.class);

    private final CamelContext camel;
    private final TelegramChatProperties properties;

    public TelegramPolling(CamelContext camel, TelegramChatProperties properties) {
        this.camel = camel;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() throws Exception {
        Route route = camel.getRoute(ROUTE);
        if (route == null || !properties.enabled()) {
            LOG.info("Telegram chat is off ({})", route == null ? "route " + ROUTE + " not loaded" : "no bot token");
            return;
        }
        camel.getRouteController().startRoute(ROUTE);
        LOG.info("Telegram chat is on: polling for updates (leader-only), approval messages to {} chat(s)",
                properties.chatIds().size());
    }
}
