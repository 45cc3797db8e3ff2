package io.aiopshub.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Header;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.store.AlertInbox;
import io.aiopshub.store.InboxDeadLetters;
import io.aiopshub.store.InboxDeadLetters.DeadLetter;

/**
 * {@code GET /api/v1/inbox}: how many accepted events wait to be applied and how many were set aside;
 * {@code GET /api/v1/inbox/dead-letters}: the events the incident engine could not apply, with the error.
 */
@Component("inboxApi")
public class InboxApi {

    public record DeadLetterView(long id, String source, String fingerprint, String status, JsonNode labels,
                                 JsonNode annotations, Instant startsAt, Instant endsAt, String generatorUrl,
                                 Instant receivedAt, Instant failedAt, String error) { }

    private final AlertInbox inbox;
    private final InboxDeadLetters deadLetters;
    private final JsonBodies json;

    public InboxApi(AlertInbox inbox, InboxDeadLetters deadLetters, JsonBodies json) {
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    public String status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("backlog", inbox.size());
        status.put("deadLetters", deadLetters.count());
        return json.write(status);
    }

    public String deadLetters(@Header("page") String page, @Header("size") String size) {
        int p = number("page", page, 0, 0, 1_000_000);
        int s = number("size", size, 50, 1, 500);
        return json.write(Map.of(
                "items", deadLetters.page(p, s).stream().map(this::view).toList(),
                "page", p, "size", s, "total", deadLetters.count()));
    }

    private DeadLetterView view(DeadLetter d) {
        return new DeadLetterView(d.id(), d.source(), d.fingerprint(), d.status(), tree(d.labelsJson()),
                tree(d.annotationsJson()), d.startsAt(), d.endsAt(), d.generatorUrl(), d.receivedAt(), d.failedAt(),
                d.error());
    }

    /** Stored JSON as a tree; as text when it is not JSON (which may be why the event could not be applied). */
    private JsonNode tree(String stored) {
        try {
            return json.readTree(stored);
        } catch (IllegalStateException e) {
            return TextNode.valueOf(stored);
        }
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PayloadValidationException(field, "must be an integer between " + min + " and " + max);
    }
}
