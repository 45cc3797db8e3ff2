package io.aiopshub.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the hub's generic event: one JSON object or an array of them.
 * <pre>
 * { "source": "backup-job",            required, [a-zA-Z0-9_.-]{1,64}
 *   "labels": {"alertname": "...", ...}, required, at least one label
 *   "annotations": {"summary": "..."},   optional
 *   "severity": "critical|high|warning|info" (aliases accepted), optional, becomes label "severity"
 *   "status": "firing|resolved",          optional, default firing
 *   "startsAt": RFC 3339, "endsAt": RFC 3339  optional }
 * </pre>
 */
public class GenericEventParser {

    private static final Pattern SOURCE = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

    private final Clock clock;
    private final int maxEvents;

    public GenericEventParser(Clock clock, int maxEvents) {
        this.clock = clock;
        this.maxEvents = maxEvents;
    }

    public List<IncomingAlert> parse(byte[] body) {
        return parse(PayloadReader.parse(body));
    }

    /** The same, for a body already read with {@link StrictJson}. */
    public List<IncomingAlert> parse(JsonNode root) {
        PayloadReader reader = new PayloadReader();
        List<JsonNode> events = new ArrayList<>();
        boolean array = root.isArray();
        if (array) {
            if (root.isEmpty()) {
                throw new PayloadValidationException("$", "array is empty; send at least one event");
            }
            if (root.size() > maxEvents) {
                throw new PayloadValidationException("$", "has " + root.size() + " events; at most " + maxEvents + " per request");
            }
            root.forEach(events::add);
        } else if (root.isObject()) {
            events.add(root);
        } else {
            throw new PayloadValidationException("$", "must be an event object or an array of event objects");
        }
        Instant now = clock.instant();
        List<IncomingAlert> result = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            String at = array ? "[" + i + "]" : "";
            String prefix = at.isEmpty() ? "" : at + ".";
            JsonNode event = events.get(i);
            if (!event.isObject()) {
                reader.problem(at.isEmpty() ? "$" : at, "must be a JSON object");
                continue;
            }
            String source = reader.optionalText(event.get("source"), prefix + "source", 64);
            if (source == null && (event.get("source") == null || event.get("source").isNull())) {
                reader.problem(prefix + "source", "is required: the sending system's name");
            } else if (source != null && !SOURCE.matcher(source).matches()) {
                reader.problem(prefix + "source", "must match [a-zA-Z0-9_.-]{1,64}");
            }
            Map<String, String> labels = new LinkedHashMap<>(reader.labels(event.get("labels"), prefix + "labels", true));
            Map<String, String> annotations = reader.labels(event.get("annotations"), prefix + "annotations", false);
            JsonNode severityNode = event.get("severity");
            if (severityNode != null && !severityNode.isNull()) {
                String text = severityNode.isTextual() ? severityNode.textValue() : null;
                Severity.parse(text).ifPresentOrElse(
                        severity -> labels.put("severity", severity.label()),
                        () -> reader.problem(prefix + "severity",
                                "must be one of critical, high, warning, info, not " + PayloadReader.describe(severityNode)));
            }
            String status = reader.status(event.get("status"), prefix + "status", false);
            Instant startsAt = reader.timestamp(event.get("startsAt"), prefix + "startsAt");
            Instant endsAt = reader.timestamp(event.get("endsAt"), prefix + "endsAt");
            reader.checkTimeOrder(startsAt, endsAt, at.isEmpty() ? "$" : at);
            result.add(new IncomingAlert(source, status, labels, annotations,
                    startsAt == null ? now : startsAt, endsAt, null));
        }
        reader.throwIfAny();
        return result;
    }
}
