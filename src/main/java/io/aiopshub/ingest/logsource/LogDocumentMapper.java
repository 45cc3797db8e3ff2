package io.aiopshub.ingest.logsource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.ingest.LogLine;

/** Turns a log document into a {@link LogLine} through the configured field names. */
@Component
public class LogDocumentMapper {

    private static final int MAX_MESSAGE = 32_768;

    private final LogSourceProperties.Fields fields;

    public LogDocumentMapper(LogSourceProperties properties) {
        this.fields = properties.getFields();
    }

    /** The line, or null when the document has no message. {@code fallbackService} names lines without one. */
    public LogLine map(SourceHit hit, String fallbackService) {
        String message = first(hit.document(), fields.getMessage());
        if (message == null || message.isBlank()) {
            return null;
        }
        String service = first(hit.document(), fields.getService());
        if (service == null || service.isBlank()) {
            service = fallbackService;
        }
        return new LogLine(service, first(hit.document(), fields.getLevel()),
                message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message, timestamp(hit),
                first(hit.document(), fields.getHost()));
    }

    /** The timestamp sort value (epoch milliseconds) if there is one, else the document's field, else the epoch. */
    Instant timestamp(SourceHit hit) {
        if (!hit.sort().isEmpty() && hit.sort().get(0) instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        JsonNode node = field(hit.document(), fields.getTimestamp());
        if (node != null && node.isNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        if (node != null && node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                return Instant.EPOCH;
            }
        }
        return Instant.EPOCH;
    }

    private static String first(JsonNode document, List<String> paths) {
        for (String path : paths) {
            JsonNode node = field(document, path);
            if (node != null && node.isValueNode() && !node.isNull()) {
                return node.asText();
            }
        }
        return null;
    }

    /** A dotted path, whether the document nests objects ({"log":{"level":..}}) or uses dotted keys ({"log.level":..}). */
    static JsonNode field(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        JsonNode direct = node.get(path);
        if (direct != null) {
            return direct;
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            JsonNode child = node.get(path.substring(0, dot));
            if (child != null && child.isObject()) {
                JsonNode found = field(child, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return null;
    }
}
