package io.aiopshub.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads Alertmanager's webhook payload (version 4, as sent by Alertmanager 0.25 and later). */
public class AlertmanagerPayloadParser {

    public static final String SOURCE = "alertmanager";

    private final Clock clock;
    private final int maxAlerts;

    public AlertmanagerPayloadParser(Clock clock, int maxAlerts) {
        this.clock = clock;
        this.maxAlerts = maxAlerts;
    }

    public List<IncomingAlert> parse(byte[] body) {
        JsonNode root = PayloadReader.parse(body);
        PayloadReader reader = new PayloadReader();
        if (!root.isObject()) {
            throw new PayloadValidationException("$", "must be a JSON object (Alertmanager webhook payload)");
        }
        JsonNode version = root.get("version");
        if (version != null && !(version.isTextual() && "4".equals(version.textValue()))) {
            reader.problem("version", "unsupported webhook payload version " + PayloadReader.describe(version) + "; expected \"4\"");
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            reader.problem("alerts", alerts == null ? "is required: an array of alerts" : "must be an array of alerts");
            reader.throwIfAny();
        }
        if (alerts.size() > maxAlerts) {
            reader.problem("alerts", "has " + alerts.size() + " alerts; at most " + maxAlerts + " per request");
            reader.throwIfAny();
        }
        Map<String, String> commonLabels = reader.labels(root.get("commonLabels"), "commonLabels", false);
        Instant now = clock.instant();
        List<IncomingAlert> result = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            String at = "alerts[" + i + "]";
            JsonNode alert = alerts.get(i);
            if (!alert.isObject()) {
                reader.problem(at, "must be a JSON object");
                continue;
            }
            String status = reader.status(alert.get("status"), at + ".status", true);
            Map<String, String> labels = reader.labels(alert.get("labels"), at + ".labels", true);
            Map<String, String> annotations = reader.labels(alert.get("annotations"), at + ".annotations", false);
            Instant startsAt = reader.timestamp(alert.get("startsAt"), at + ".startsAt");
            Instant endsAt = reader.timestamp(alert.get("endsAt"), at + ".endsAt");
            String generatorUrl = reader.optionalText(alert.get("generatorURL"), at + ".generatorURL", 2048);
            reader.checkTimeOrder(startsAt, endsAt, at);
            if (labels.isEmpty() && !commonLabels.isEmpty()) {
                labels = commonLabels;
            }
            result.add(new IncomingAlert(SOURCE, status, labels, annotations,
                    startsAt == null ? now : startsAt, endsAt, generatorUrl));
        }
        reader.throwIfAny();
        return result;
    }
}
