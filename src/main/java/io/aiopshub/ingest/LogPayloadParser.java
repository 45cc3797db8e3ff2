package io.aiopshub.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads log lines as Filebeat (ECS), Fluent Bit and Vector ship them: one object or an array. Each item
 * is judged on its own: bad items are reported with their index and field, good items are kept. Items
 * that continue a multi-line event (stack trace frames, a traceback's lines) are folded into the item
 * that starts it ({@link MultilineFolder}).
 * <ul>
 *   <li>message: {@code message}, else {@code log} (a string, or an object with {@code message})</li>
 *   <li>service: {@code service.name} (or {@code service} as a string), {@code kubernetes.labels.app},
 *       {@code container.name}, {@code app}</li>
 *   <li>level: {@code log.level}, {@code level}, {@code severity}</li>
 *   <li>time: {@code @timestamp}, {@code timestamp}, {@code time}, {@code date} (RFC 3339 or epoch seconds)</li>
 * </ul>
 */
public class LogPayloadParser {

    /** The lines that were understood, and what was wrong with the others. */
    public record Parsed(List<LogLine> lines, List<ItemProblem> rejected) { }

    public record ItemProblem(int index, String field, String message) { }

    private static final int MAX_MESSAGE = 32_768;
    /** log_templates.service and incident_log_templates.service hold 256 characters. */
    static final int MAX_SERVICE = 256;

    private final Clock clock;
    private final int maxItems;

    public LogPayloadParser(Clock clock, int maxItems) {
        this.clock = clock;
        this.maxItems = maxItems;
    }

    public Parsed parse(byte[] body) {
        JsonNode root = PayloadReader.parse(body);
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else if (root.isObject()) {
            items.add(root);
        } else {
            throw new PayloadValidationException("$", "must be a log object or an array of log objects");
        }
        if (items.isEmpty()) {
            throw new PayloadValidationException("$", "array is empty; send at least one log line");
        }
        if (items.size() > maxItems) {
            throw new PayloadValidationException("$", "has " + items.size() + " lines; at most " + maxItems + " per request");
        }
        Instant now = clock.instant();
        List<LogLine> lines = new ArrayList<>();
        List<ItemProblem> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                rejected.add(new ItemProblem(i, "$", "must be a JSON object"));
                continue;
            }
            String message = text(item.get("message"));
            JsonNode log = item.get("log");
            if (message == null && log != null) {
                message = log.isTextual() ? log.textValue() : text(log.get("message"));
            }
            if (message == null || message.isBlank()) {
                rejected.add(new ItemProblem(i, "message", "is required: a non-empty string in 'message' or 'log'"));
                continue;
            }
            if (message.indexOf('\0') >= 0) {
                rejected.add(new ItemProblem(i, "message", "must not contain the NUL character (U+0000)"));
                continue;
            }
            Named service = service(item);
            if (service == null) {
                rejected.add(new ItemProblem(i, "service", "is required: service.name, service, kubernetes.labels.app or container.name"));
                continue;
            }
            if (service.value().length() > MAX_SERVICE) {
                rejected.add(new ItemProblem(i, service.field(), "is longer than " + MAX_SERVICE
                        + " characters, the most the hub stores for a service name"));
                continue;
            }
            if (service.value().indexOf('\0') >= 0) {
                rejected.add(new ItemProblem(i, service.field(), "must not contain the NUL character (U+0000)"));
                continue;
            }
            String level = text(item.path("log").get("level"));
            if (level == null) {
                level = text(item.get("level"));
            }
            if (level == null) {
                level = text(item.get("severity"));
            }
            Instant timestamp;
            try {
                timestamp = timestamp(item, now);
            } catch (DateTimeParseException | NumberFormatException e) {
                rejected.add(new ItemProblem(i, "@timestamp", "is not an RFC 3339 timestamp or epoch seconds"));
                continue;
            }
            if (!StorableTime.contains(timestamp)) {
                rejected.add(new ItemProblem(i, "@timestamp", "is outside " + StorableTime.RANGE));
                continue;
            }
            String host = text(item.path("host").get("name"));
            if (host == null) {
                host = text(item.get("host"));
            }
            lines.add(new LogLine(service.value(), level,
                    message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message, timestamp, host));
        }
        if (lines.isEmpty()) {
            ItemProblem first = rejected.get(0);
            List<FieldProblem> problems = rejected.stream()
                    .map(p -> new FieldProblem("[" + p.index() + "]." + p.field(), p.message())).toList();
            throw new PayloadValidationException(problems.isEmpty()
                    ? List.of(new FieldProblem("[" + first.index() + "]", first.message())) : problems);
        }
        return new Parsed(MultilineFolder.fold(lines), rejected);
    }

    /** A value and the field it came from, so a problem names the field the sender used. */
    private record Named(String field, String value) { }

    private static Named service(JsonNode item) {
        JsonNode service = item.get("service");
        if (service != null && service.isTextual() && !service.textValue().isBlank()) {
            return new Named("service", service.textValue());
        }
        for (Named candidate : new Named[] {new Named("service.name", text(item.path("service").get("name"))),
                new Named("kubernetes.labels.app", text(item.path("kubernetes").path("labels").get("app"))),
                new Named("container.name", text(item.path("container").get("name"))),
                new Named("app", text(item.get("app")))}) {
            if (candidate.value() != null && !candidate.value().isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    private static Instant timestamp(JsonNode item, Instant now) {
        for (String field : new String[] {"@timestamp", "timestamp", "time", "date"}) {
            JsonNode node = item.get(field);
            if (node == null || node.isNull()) {
                continue;
            }
            if (node.isNumber()) {
                double seconds = node.asDouble();
                if (!Double.isFinite(seconds) || Math.abs(seconds) > StorableTime.MAX.getEpochSecond()) {
                    // Beyond what any accepted time can be; the caller reports it as out of range.
                    return Instant.MAX;
                }
                return Instant.ofEpochMilli((long) (seconds * 1000));
            }
            if (node.isTextual()) {
                return OffsetDateTime.parse(node.textValue()).toInstant();
            }
            throw new NumberFormatException("not a timestamp");
        }
        return now;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
