package io.aiopshub.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.ingest.PayloadValidationException;

/** Checks of single request fields (body, query and path) shared by the API beans; each failure names its field. */
final class RequestFields {

    /** Who acknowledged or created something: the width of the acked_by and created_by columns. */
    static final int MAX_USER_LENGTH = 256;
    /** Ack and silence comments (columns of 2048). */
    static final int MAX_COMMENT_LENGTH = 2000;
    /** A service name, as the incidents table holds it. */
    static final int MAX_SERVICE_LENGTH = 256;
    /** Timestamps must lie in these years: every supported database stores them, and clients print them. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final int MAX_ECHO = 64;

    private RequestFields() { }

    static String requiredText(JsonNode request, String field, int maxLength) {
        String text = optionalText(request, field, maxLength);
        if (text == null) {
            throw new PayloadValidationException(field, "is required");
        }
        return text;
    }

    /** A non-blank string of at most {@code maxLength} characters, or null when absent. */
    static String optionalText(JsonNode request, String field, int maxLength) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new PayloadValidationException(field, "must be a non-empty string");
        }
        return text(field, node.textValue(), maxLength);
    }

    /** Checks a text's length, and that it has no NUL character (PostgreSQL cannot store one). */
    static String text(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new PayloadValidationException(field, "is longer than " + maxLength + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw new PayloadValidationException(field, "must not contain NUL characters");
        }
        return value;
    }

    /** An optional RFC 3339 timestamp given as a JSON string. */
    static Instant timestamp(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new PayloadValidationException(field, "must be an RFC 3339 timestamp string");
        }
        return timestamp(field, node.textValue());
    }

    /** An optional RFC 3339 timestamp between the years 1970 and 9999; blank means absent. */
    static Instant timestamp(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new PayloadValidationException(field, echo(text) + " is not an RFC 3339 timestamp such as 2026-01-31T12:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new PayloadValidationException(field, "must lie between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }

    /** An optional integer query parameter within [min, max]. */
    static int integer(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PayloadValidationException(field, "must be an integer between " + min + " and " + max);
    }

    /** An optional value out of a fixed set (case-insensitive), normalised to lower case. */
    static String oneOf(String field, String value, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String normalised = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalised)) {
            throw new PayloadValidationException(field, "must be one of " + allowed.stream().sorted().toList());
        }
        return normalised;
    }

    /**
     * A resource id from the path. Ids are UUIDs the hub made; anything else cannot name a resource,
     * so it is a 404 without a database lookup (and without echoing a long id back).
     */
    static String resourceId(String id, String kind) {
        if (id == null || !isUuid(id)) {
            throw new NotFoundException("no " + kind + " with id " + echo(id == null ? "" : id));
        }
        return id;
    }

    /** An optional id given as a query parameter or body field: a UUID, or a 400 naming the field. */
    static String uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!isUuid(value)) {
            throw new PayloadValidationException(field, echo(value) + " is not an id (a lower-case UUID)");
        }
        return value;
    }

    private static boolean isUuid(String id) {
        if (id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** A user-given value quoted for an error message, cut short. */
    static String echo(String value) {
        return "'" + (value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO - 3) + "...") + "'";
    }
}
