package io.aiopshub.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * PagerDuty Events API v2 bodies: trigger for every firing kind, acknowledge for ACK, resolve for
 * RESOLVED, all with the incident's stable dedup key so PagerDuty keeps one incident per hub incident.
 */
@Component("pagerDutyRenderer")
public class PagerDutyRenderer {

    private final ChannelProperties channels;
    private final ObjectMapper json;

    public PagerDutyRenderer(ChannelProperties channels, ObjectMapper json) {
        this.channels = channels;
        this.json = json;
    }

    public List<String> render(NotificationOutbox.Delivery delivery) throws JsonProcessingException {
        NotificationMessage m = delivery.message();
        String action = switch (m.kind()) {
            case ACK -> "acknowledge";
            case RESOLVED -> "resolve";
            default -> "trigger";
        };
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", channels.getPagerduty().getRoutingKey());
        event.put("event_action", action);
        // Ad-hoc messages have no incident: their key is the notification's, so a retry does not duplicate.
        event.put("dedup_key", m.dedupKey() != null ? m.dedupKey() : "aiops-notification-" + delivery.id());
        if (action.equals("trigger")) {
            Map<String, Object> payload = new LinkedHashMap<>();
            String summary = MessageText.headline(m);
            payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1024) : summary);
            payload.put("source", sourceOf(m));
            payload.put("severity", severity(m.severity()));
            payload.put("timestamp", m.at().toString());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("kind", m.kind().name());
            details.put("text", m.text());
            details.put("firing", m.firing());
            details.put("resolved", m.resolved());
            details.put("alerts", MessageText.alertLines(m));
            if (m.ackedBy() != null) {
                details.put("acknowledged", MessageText.ackLine(m));
            }
            payload.put("custom_details", details);
            event.put("payload", payload);
            event.put("client", "aiops-hub");
        }
        return List.of(json.writeValueAsString(event));
    }

    /** PagerDuty knows critical, error, warning and info. */
    static String severity(String ours) {
        return switch (ours) {
            case "critical" -> "critical";
            case "high" -> "error";
            case "warning" -> "warning";
            default -> "info";
        };
    }

    private static String sourceOf(NotificationMessage m) {
        Map<String, String> group = m.groupLabels();
        if (group != null) {
            for (String key : List.of("service", "instance", "job")) {
                if (group.get(key) != null && !group.get(key).isBlank()) {
                    return group.get(key);
                }
            }
        }
        return "aiops-hub";
    }
}
