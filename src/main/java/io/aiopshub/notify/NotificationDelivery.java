package io.aiopshub.notify;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CircuitBreakerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.redact.Redactor;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

/** The steps of the notification routes that touch the outbox: claim, and record each outcome. */
@Component("notificationDelivery")
public class NotificationDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);
    /** Exchange property holding the {@link NotificationOutbox.Delivery} being sent. */
    public static final String DELIVERY = "aiopsDelivery";

    private final NotificationOutbox outbox;
    private final ChannelProperties channels;
    private final Redactor redactor;

    public NotificationDelivery(NotificationOutbox outbox, ChannelProperties channels, Redactor redactor) {
        this.outbox = outbox;
        this.channels = channels;
        this.redactor = redactor;
    }

    public List<NotificationOutbox.Delivery> claim() {
        return outbox.claimDue(100);
    }

    public boolean isConfigured(NotificationOutbox.Delivery delivery) {
        return channels.isConfigured(delivery.channel());
    }

    /** An unconfigured channel: recorded as skipped, and the message goes to the log so it is not lost. */
    public void skip(NotificationOutbox.Delivery delivery) {
        NotificationMessage m = delivery.message();
        LOG.info("Channel '{}' is not configured; notification {} ({} {}) logged instead: {} - {}",
                delivery.channel(), delivery.id(), m.kind(), m.severity(), m.title(), m.text());
        outbox.markSkipped(delivery, "channel '" + delivery.channel() + "' is not configured");
    }

    public void sent(Exchange exchange) {
        NotificationOutbox.Delivery delivery = exchange.getProperty(DELIVERY, NotificationOutbox.Delivery.class);
        // An open breaker may short-circuit without an exception: nothing was sent then.
        if (Boolean.TRUE.equals(exchange.getProperty(CircuitBreakerConstants.RESPONSE_SHORT_CIRCUITED, Boolean.class))) {
            outbox.markDeferred(delivery);
            return;
        }
        outbox.markSent(delivery);
    }

    /**
     * Receivers' errors may echo URLs, keys or the message itself: the configured channel secrets and
     * anything the redactor recognises never reach the log, the outbox or the API.
     */
    String scrub(String text) {
        String scrubbed = text;
        for (String secret : channels.secrets()) {
            scrubbed = scrubbed.replace(secret, "****");
        }
        return redactor.redact(scrubbed);
    }

    private static boolean refusedByBreaker(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CallNotPermittedException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause: what the receiver said, not Camel's wrappers around it. */
    private static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t != null && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** A failed attempt, or a call the open breaker refused (which does not count as an attempt). */
    public void failed(Exchange exchange) {
        NotificationOutbox.Delivery delivery = exchange.getProperty(DELIVERY, NotificationOutbox.Delivery.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (delivery == null) {
            LOG.error("Notification route failed before a delivery was claimed", error);
            return;
        }
        if (refusedByBreaker(error)) {
            LOG.debug("Breaker of channel '{}' is open; notification {} deferred", delivery.channel(), delivery.id());
            outbox.markDeferred(delivery);
            return;
        }
        String reason = scrub(rootCause(error) == null ? "unknown error"
                : rootCause(error).getClass().getSimpleName() + ": " + rootCause(error).getMessage());
        LOG.warn("Notification {} to '{}' failed (attempt {}): {}", delivery.id(), delivery.channel(), delivery.attempt(), reason);
        outbox.markFailed(delivery, reason);
    }
}
