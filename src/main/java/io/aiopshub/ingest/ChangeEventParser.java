package io.aiopshub.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.rca.group.ChangeEvent;

/**
 * Reads change events ({@code POST /api/v1/events} with {@code "kind": "change"}): one object or an array.
 * <pre>
 * { "kind": "change",                     required
 *   "service": "checkout", "host": "app-1" at least one of them, at most 256 characters each
 *   "type": "deploy",                      required, [a-zA-Z0-9_.-]{1,64}
 *   "summary": "v1.4.2 rolled out",        required, at most 2000 characters
 *   "at": RFC 3339,                        optional, default now; at most a day ahead
 *   "labels": {"version": "1.4.2"} }       optional, label names to strings
 * </pre>
 * Unknown fields are refused, so a typo does not silently drop what it meant.
 */
public class ChangeEventParser {

    public static final String KIND = "change";
    static final int MAX_NAME = 256;
    static final int MAX_SUMMARY = 2000;
    private static final Pattern TYPE = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");
    private static final Set<String> FIELDS = Set.of("kind", "service", "host", "type", "summary", "at", "labels");
    private static final Duration MAX_AHEAD = Duration.ofDays(1);

    private final Clock clock;
    private final int maxEvents;

    public ChangeEventParser(Clock clock, int maxEvents) {
        this.clock = clock;
        this.maxEvents = maxEvents;
    }

    /** Whether a body (already parsed) holds change events rather than alert events. */
    public static boolean isChange(JsonNode root) {
        JsonNode first = root.isArray() && !root.isEmpty() ? root.get(0) : root;
        return first != null && first.isObject() && first.has("kind");
    }

    public List<ChangeEvent> parse(JsonNode root) {
        PayloadReader reader = new PayloadReader();
        List<JsonNode> events = new ArrayList<>();
        boolean array = root.isArray();
        if (array) {
            if (root.size() > maxEvents) {
                throw new PayloadValidationException("$", "has " + root.size() + " events; at most " + maxEvents + " per request");
            }
            root.forEach(events::add);
        } else {
            events.add(root);
        }
        Instant now = clock.instant();
        List<ChangeEvent> result = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String at = array ? "[" + i + "]" : "";
            String prefix = at.isEmpty() ? "" : at + ".";
            JsonNode event = events.get(i);
            if (!event.isObject()) {
                reader.problem(at.isEmpty() ? "$" : at, "must be a JSON object");
                continue;
            }
            event.fieldNames().forEachRemaining(name -> {
                if (!FIELDS.contains(name)) {
                    reader.problem(prefix + name, "is not a field of a change event (kind, service, host, type, summary, at, labels)");
                }
            });
            JsonNode kind = event.get("kind");
            if (kind == null || !kind.isTextual() || !KIND.equals(kind.textValue())) {
                reader.problem(prefix + "kind", "must be 'change' (alert events have no kind), not "
                        + (kind == null ? "missing" : PayloadReader.describe(kind)));
            }
            String service = nonBlank(reader, event, prefix + "service", "service", MAX_NAME);
            String host = nonBlank(reader, event, prefix + "host", "host", MAX_NAME);
            if (service == null && host == null && !event.hasNonNull("service") && !event.hasNonNull("host")) {
                reader.problem(prefix + "service", "is required when there is no host: what changed");
            }
            String type = nonBlank(reader, event, prefix + "type", "type", 64);
            if (type == null && !event.hasNonNull("type")) {
                reader.problem(prefix + "type", "is required: deploy, config, scale, ...");
            } else if (type != null && !TYPE.matcher(type).matches()) {
                reader.problem(prefix + "type", "must match [a-zA-Z0-9_.-]{1,64}");
            }
            String summary = nonBlank(reader, event, prefix + "summary", "summary", MAX_SUMMARY);
            if (summary == null && !event.hasNonNull("summary")) {
                reader.problem(prefix + "summary", "is required: what changed, in words");
            }
            Instant when = reader.timestamp(event.get("at"), prefix + "at");
            if (when != null && when.isAfter(now.plus(MAX_AHEAD))) {
                reader.problem(prefix + "at", "is more than a day ahead of now");
            }
            Map<String, String> labels = reader.labels(event.get("labels"), prefix + "labels", false);
            result.add(new ChangeEvent(UUID.randomUUID().toString(), service, host, type, summary,
                    when == null ? now : when, labels));
        }
        reader.throwIfAny();
        return result;
    }

    private static String nonBlank(PayloadReader reader, JsonNode event, String field, String name, int max) {
        String text = reader.optionalText(event.get(name), field, max);
        if (text != null && text.isBlank()) {
            reader.problem(field, "must not be blank");
            return null;
        }
        return text;
    }
}
