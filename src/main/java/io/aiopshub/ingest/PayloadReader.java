package io.aiopshub.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Field-level checks shared by every ingest format. Each reader method records a {@link FieldProblem}
 * instead of throwing, so one response can name every bad field at once.
 */
class PayloadReader {

    private static final int MAX_LABELS = 64;
    private static final int MAX_VALUE_LENGTH = 8192;
    /**
     * Labels that end up in columns of 256 characters: {@code alertname} (alerts.alertname) and the
     * labels an incident takes its service from (incidents.service). Longer values are refused here;
     * stored, they would be events the incident engine cannot apply.
     */
    static final Set<String> COLUMN_LABELS = Set.of("alertname", "service", "job", "app", "namespace");
    static final int MAX_COLUMN_LABEL_LENGTH = 256;
    /** Go's zero time, which Alertmanager sends for "no end". */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    final List<FieldProblem> problems = new ArrayList<>();
    /**
     * Timestamps this request already parsed, by their text: a batch mostly repeats a few (the same
     * evaluation's start, Go's zero time as "no end"). Only valid ones, so each bad field is still named.
     */
    private final Map<String, Optional<Instant>> parsedTimes = new HashMap<>();

    static JsonNode parse(byte[] body) {
        return StrictJson.read(body);
    }

    void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new PayloadValidationException(problems);
        }
    }

    Map<String, String> labels(JsonNode node, String field, boolean required) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (required) {
                problem(field, "is required: a JSON object of label names to string values");
            }
            return labels;
        }
        if (!node.isObject()) {
            problem(field, "must be a JSON object of label names to string values, not " + node.getNodeType().name().toLowerCase());
            return labels;
        }
        if (node.size() > MAX_LABELS) {
            problem(field, "has " + node.size() + " entries; at most " + MAX_LABELS + " are allowed");
            return labels;
        }
        node.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (!isLabelName(name)) {
                problem(field + "." + name, "is not a valid label name (expected [a-zA-Z_][a-zA-Z0-9_]*)");
            } else if (!value.isTextual()) {
                problem(field + "." + name, "must be a string, not " + value.getNodeType().name().toLowerCase());
            } else if (value.textValue().length() > MAX_VALUE_LENGTH) {
                problem(field + "." + name, "is longer than " + MAX_VALUE_LENGTH + " characters");
            } else if (COLUMN_LABELS.contains(name) && value.textValue().length() > MAX_COLUMN_LABEL_LENGTH) {
                problem(field + "." + name, "is longer than " + MAX_COLUMN_LABEL_LENGTH + " characters, the most the hub "
                        + "stores for the labels " + String.join(", ", new TreeSet<>(COLUMN_LABELS)));
            } else if (value.textValue().indexOf('\0') >= 0) {
                problem(field + "." + name, "must not contain the NUL character (U+0000)");
            } else {
                labels.put(name, value.textValue());
            }
        });
        if (required && labels.isEmpty() && node.isEmpty()) {
            problem(field, "must contain at least one label");
        }
        return labels;
    }

    /**
     * Prometheus' label name grammar, {@code [a-zA-Z_][a-zA-Z0-9_]*}, checked by hand: it runs for every
     * label and annotation of every alert, where a regex matcher per name cost more than the check.
     */
    static boolean isLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads an RFC 3339 timestamp; Go's zero time and absent values give null. Others must lie within
     * {@link StorableTime} (years 1970 to 9999).
     */
    Instant timestamp(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isTextual()) {
            problem(field, "must be an RFC 3339 timestamp string such as 2026-01-31T12:00:00Z");
            return null;
        }
        Optional<Instant> known = parsedTimes.get(node.textValue());
        if (known != null) {
            return known.orElse(null);
        }
        try {
            Instant instant = OffsetDateTime.parse(node.textValue()).toInstant();
            if (instant.equals(GO_ZERO_TIME)) {
                parsedTimes.put(node.textValue(), Optional.empty());
                return null;
            }
            if (!StorableTime.contains(instant)) {
                problem(field, "'" + abbreviate(node.textValue()) + "' is outside " + StorableTime.RANGE);
                return null;
            }
            parsedTimes.put(node.textValue(), Optional.of(instant));
            return instant;
        } catch (DateTimeParseException e) {
            problem(field, "'" + abbreviate(node.textValue()) + "' is not an RFC 3339 timestamp such as 2026-01-31T12:00:00Z");
            return null;
        }
    }

    String status(JsonNode node, String field, boolean required) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (required) {
                problem(field, "is required: 'firing' or 'resolved'");
            }
            return IncomingAlert.FIRING;
        }
        if (node.isTextual() && (IncomingAlert.FIRING.equals(node.textValue()) || IncomingAlert.RESOLVED.equals(node.textValue()))) {
            return node.textValue();
        }
        problem(field, "must be 'firing' or 'resolved', not " + describe(node));
        return IncomingAlert.FIRING;
    }

    String optionalText(JsonNode node, String field, int maxLength) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isTextual()) {
            problem(field, "must be a string, not " + node.getNodeType().name().toLowerCase());
            return null;
        }
        if (node.textValue().length() > maxLength) {
            problem(field, "is longer than " + maxLength + " characters");
            return null;
        }
        if (node.textValue().indexOf('\0') >= 0) {
            problem(field, "must not contain the NUL character (U+0000)");
            return null;
        }
        return node.textValue();
    }

    void checkTimeOrder(Instant startsAt, Instant endsAt, String field) {
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            problem(field, "endsAt is before startsAt");
        }
    }

    static String describe(JsonNode node) {
        return node.isTextual() ? "'" + abbreviate(node.textValue()) + "'" : node.getNodeType().name().toLowerCase();
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
