package io.aiopshub.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The words every channel uses for a notification, before channel-specific markup. */
final class MessageText {

    /** Labels that say where an alert is; shown next to each alert. */
    private static final Set<String> KEY_LABELS = Set.of("service", "instance", "job", "namespace", "pod", "host");
    /** Alerts listed in one message; the rest are counted. */
    static final int MAX_ALERTS = 20;

    private MessageText() { }

    static String kindLabel(NotificationMessage.Kind kind) {
        return switch (kind) {
            case TRIGGER -> "FIRING";
            case UPDATE -> "UPDATED";
            case REPEAT -> "STILL FIRING";
            case FLAPPING -> "FLAPPING";
            case ACK -> "ACKNOWLEDGED";
            case RESOLVED -> "RESOLVED";
            case ADHOC -> "NOTICE";
        };
    }

    /** e.g. {@code [CRITICAL] FIRING: HighCPU: CPU above 90%}. */
    static String headline(NotificationMessage m) {
        return "[" + m.severity().toUpperCase() + "] " + kindLabel(m.kind()) + ": " + m.title();
    }

    /** Lines describing the alerts: name, status, summary and where. */
    static List<String> alertLines(NotificationMessage m) {
        List<String> lines = new ArrayList<>();
        List<NotificationMessage.AlertLine> alerts = m.alerts() == null ? List.of() : m.alerts();
        for (int i = 0; i < Math.min(alerts.size(), MAX_ALERTS); i++) {
            NotificationMessage.AlertLine a = alerts.get(i);
            StringBuilder line = new StringBuilder("- ").append(a.alertname() == null ? "alert" : a.alertname())
                    .append(" [").append(a.status()).append("]");
            if (a.summary() != null && !a.summary().isBlank()) {
                line.append(" ").append(a.summary());
            }
            String where = where(a.labels());
            if (!where.isEmpty()) {
                line.append(" (").append(where).append(")");
            }
            lines.add(line.toString());
        }
        if (alerts.size() > MAX_ALERTS) {
            lines.add("... and " + (alerts.size() - MAX_ALERTS) + " more alerts");
        }
        return lines;
    }

    /** Who acknowledged, for every kind of message about an acknowledged incident; null if nobody. */
    static String ackLine(NotificationMessage m) {
        if (m.ackedBy() == null) {
            return null;
        }
        return "Acknowledged by " + m.ackedBy() + (m.ackComment() == null || m.ackComment().isBlank() ? "" : ": " + m.ackComment());
    }

    /** The message as plain text lines, for channels without markup. */
    static List<String> plainLines(NotificationMessage m) {
        List<String> lines = new ArrayList<>();
        lines.add(headline(m));
        if (m.text() != null && !m.text().isBlank()) {
            lines.addAll(List.of(m.text().split("\n", -1)));
        }
        String ack = ackLine(m);
        if (ack != null) {
            lines.add(ack);
        }
        lines.addAll(alertLines(m));
        if (m.incidentId() != null) {
            lines.add("Incident " + m.incidentId());
        }
        return lines;
    }

    private static String where(Map<String, String> labels) {
        if (labels == null) {
            return "";
        }
        return labels.entrySet().stream().filter(e -> KEY_LABELS.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
