package io.aiopshub.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.api.security.ApiCaller;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.ingest.Severity;
import io.aiopshub.notify.ChannelNames;
import io.aiopshub.notify.NotificationMessage;
import io.aiopshub.notify.NotificationOutbox;

/**
 * {@code POST /api/v1/notify}: an ad-hoc message through the same outbox, retries and breakers.
 * Body: {@code {"title": "...", "message": "...", "priority": "high", "channels": ["telegram"]}}.
 * {@code GET /api/v1/notifications/failed}: the dead letters; {@code POST /api/v1/notifications/{id}/retry}
 * queues one again (the console's Retry button does the same through {@link NotificationOutbox#retry}).
 */
@Component("notifyApi")
public class NotifyApi {

    private final NotificationOutbox outbox;
    private final JsonBodies json;
    private final Clock clock;
    private final ApiLimits.Notify limits;

    public NotifyApi(NotificationOutbox outbox, JsonBodies json, Clock clock, ApiLimits limits) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.limits = limits.getNotify();
    }

    public String send(byte[] body) {
        JsonNode request = json.readObject(body);
        String title = RequestFields.requiredText(request, "title", limits.getMaxTitleLength());
        String message = RequestFields.requiredText(request, "message", limits.getMaxMessageLength());
        JsonNode priorityNode = request.get("priority");
        String severity = Severity.WARNING.label();
        if (priorityNode != null && !priorityNode.isNull()) {
            severity = Severity.parse(priorityNode.isTextual() ? priorityNode.textValue() : null)
                    .orElseThrow(() -> new PayloadValidationException("priority", "must be one of critical, high, warning, info"))
                    .label();
        }
        JsonNode channelsNode = request.get("channels");
        List<String> channels = new ArrayList<>();
        if (channelsNode == null || channelsNode.isNull()) {
            channels.add(ChannelNames.TELEGRAM);
        } else if (!channelsNode.isArray() || channelsNode.isEmpty()) {
            throw new PayloadValidationException("channels", "must be a non-empty array of channel names");
        } else if (channelsNode.size() > ChannelNames.ALL.size()) {
            throw new PayloadValidationException("channels", "has " + channelsNode.size() + " entries; at most "
                    + ChannelNames.ALL.size() + " (one per channel)");
        } else {
            for (int i = 0; i < channelsNode.size(); i++) {
                JsonNode c = channelsNode.get(i);
                if (!c.isTextual() || !ChannelNames.ALL.contains(c.textValue())) {
                    throw new PayloadValidationException("channels[" + i + "]", "must be one of " + ChannelNames.ALL);
                }
                if (!channels.contains(c.textValue())) {
                    channels.add(c.textValue());
                }
            }
        }
        NotificationMessage adhoc = new NotificationMessage(null, null, NotificationMessage.Kind.ADHOC, severity, title,
                message, List.of(), 0, 0, null, null, Map.of(), clock.instant());
        List<Long> ids = outbox.enqueue(adhoc, channels);
        return json.write(Map.of("status", "queued", "notificationIds", ids, "channels", channels));
    }

    /** Queues a dead letter again; the caller (the token's name) is recorded on the incident's timeline. */
    public String retry(@Header("notificationId") String id, byte[] body, Exchange exchange) {
        json.readEmpty(body);
        long notification = notificationId(id);
        if (!outbox.retry(notification, "api:" + ApiCaller.require(exchange))) {
            throw new NotFoundException("no failed notification with id " + notification);
        }
        return json.write(Map.of("status", "queued", "notificationId", notification));
    }

    /** Notification ids are positive numbers the hub made; anything else names no dead letter. */
    public static long notificationId(String id) {
        if (id != null && id.length() <= 18 && id.chars().allMatch(c -> c >= '0' && c <= '9') && !id.isEmpty()) {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        }
        throw new NotFoundException("no failed notification with id " + RequestFields.echo(id == null ? "" : id));
    }

    public String failed(@Header("page") String page, @Header("size") String size) {
        int p = RequestFields.integer("page", page, 0, 0, 1_000_000);
        int s = RequestFields.integer("size", size, 50, 1, 500);
        return json.write(Map.of("items", outbox.failed(p, s), "page", p, "size", s));
    }
}
