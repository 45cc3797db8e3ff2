package io.aiopshub.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.aiopshub.redact.Redactor;

/**
 * What one notification says, independent of the channel that renders it. Stored as JSON in the
 * outbox so a retry after a restart sends exactly what was decided.
 *
 * @param kind     see {@link Kind}
 * @param dedupKey the incident's stable key (PagerDuty's dedup_key); null for ad-hoc messages
 */
public record NotificationMessage(String incidentId, String dedupKey, Kind kind, String severity, String title,
                                  String text, List<AlertLine> alerts, int firing, int resolved,
                                  String ackedBy, String ackComment, Map<String, String> groupLabels,
                                  Instant at) {

    /**
     * This message with every text a person or a system supplied (title, text, who acknowledged and why,
     * alert names, summaries and labels) redacted. Ids, kind, severity, counts and times are the hub's own.
     */
    public NotificationMessage redacted(Redactor redactor) {
        List<AlertLine> redactedAlerts = alerts == null ? null
                : alerts.stream().map(a -> a.redacted(redactor)).toList();
        return new NotificationMessage(incidentId, dedupKey, kind, severity, redactor.redact(title), redactor.redact(text),
                redactedAlerts, firing, resolved, redactor.redact(ackedBy), redactor.redact(ackComment),
                redactor.redactValues(groupLabels), at);
    }

    public enum Kind {
        /** First notification of an incident. */
        TRIGGER,
        /** Alerts were added to or resolved in an already notified incident. */
        UPDATE,
        /** Nothing changed, still firing after repeat_interval. */
        REPEAT,
        /** One or more alerts keep switching between firing and resolved. */
        FLAPPING,
        /** Someone acknowledged the incident. */
        ACK,
        /** All alerts resolved. */
        RESOLVED,
        /** Sent through POST /api/v1/notify, or a notice of the hub itself (a remediation breaker opened). */
        ADHOC
    }

    /** One alert as shown in a message. */
    public record AlertLine(String alertname, String status, String summary, Map<String, String> labels,
                            Instant startsAt) {

        AlertLine redacted(Redactor redactor) {
            return new AlertLine(redactor.redact(alertname), status, redactor.redact(summary), redactor.redactValues(labels),
                    startsAt);
        }
    }
}
