package io.aiopshub.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.aiopshub.config.HubProperties;
import io.aiopshub.ingest.Fingerprinter;
import io.aiopshub.ingest.IncomingAlert;
import io.aiopshub.ingest.Severity;
import io.aiopshub.store.AlertEntity;
import io.aiopshub.store.AlertInbox;
import io.aiopshub.store.AlertInbox.InboxEvent;
import io.aiopshub.store.AlertRepository;
import io.aiopshub.store.IncidentEntity;
import io.aiopshub.store.IncidentRepository;

/**
 * Applies stored events to alerts and incidents: an alert joins the open incident of its group (route +
 * group_by labels) or opens one; it resolves when told so or when its endsAt passes. Applying and
 * deleting the inbox rows happen in one transaction, so every event is applied exactly once.
 */
@Service
public class IncidentEngine {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    private final AlertInbox inbox;
    private final IncidentRepository incidents;
    private final AlertRepository alerts;
    private final IncidentTimeline timeline;
    private final RoutingPolicy policy;
    private final Clock clock;
    private final int batchSize;

    public IncidentEngine(AlertInbox inbox, IncidentRepository incidents, AlertRepository alerts,
                          IncidentTimeline timeline, RoutingPolicy policy, Clock clock, HubProperties properties) {
        this.inbox = inbox;
        this.incidents = incidents;
        this.alerts = alerts;
        this.timeline = timeline;
        this.policy = policy;
        this.clock = clock;
        this.batchSize = properties.getIngest().getProcessBatchSize();
    }

    /** Applies the oldest stored events; returns how many. */
    @Transactional
    public int applyInbox() {
        inbox.lock();
        List<InboxEvent> events = inbox.oldest(batchSize);
        if (events.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Map<String, IncidentEntity> openByGroup = new HashMap<>();
        for (InboxEvent event : events) {
            apply(event, now, openByGroup);
        }
        inbox.deleteUpTo(events.get(events.size() - 1).id());
        return events.size();
    }

    private void apply(InboxEvent event, Instant now, Map<String, IncidentEntity> openByGroup) {
        RoutingPolicy.Route route = policy.routeFor(event.labels());
        Map<String, String> groupLabels = route.groupLabels(event.labels());
        String groupKey = route.id() + ":" + groupLabels;
        String groupHash = Fingerprinter.sha256Hex(groupKey);
        IncidentEntity incident = openByGroup.computeIfAbsent(groupHash,
                hash -> incidents.findByOpenGroupKey(hash).orElse(null));
        boolean firing = IncomingAlert.FIRING.equals(event.status())
                && (event.endsAt() == null || event.endsAt().isAfter(now));
        Optional<AlertEntity> existing = incident == null ? Optional.empty()
                : alerts.findByIncidentIdAndFingerprint(incident.getId(), event.fingerprint());

        if (!firing) {
            if (existing.isPresent() && existing.get().isFiring()) {
                resolve(existing.get(), event, now, IncomingAlert.RESOLVED.equals(event.status())
                        ? IncidentTimeline.ALERT_RESOLVED : IncidentTimeline.ALERT_EXPIRED);
                touch(incident, now);
            }
            // A resolution for an alert we never saw firing opens nothing: there is nothing to tell anyone.
            return;
        }
        if (incident == null) {
            // group_wait counts from when the hub accepted the alert, not from when this loop got to it.
            incident = open(event, route, groupLabels, groupKey, groupHash, event.receivedAt());
            openByGroup.put(groupHash, incident);
        }
        AlertEntity alert = existing.orElse(null);
        if (alert == null) {
            alert = newAlert(incident.getId(), event, now);
            timeline.record(incident.getId(), IncidentTimeline.ALERT_ADDED, null, describe(event));
        } else if (!alert.isFiring()) {
            alert.setStatus(FIRING);
            alert.setResolvedAt(null);
            alert.setTransitions(FlapTracker.addTransition(alert.getTransitions(), now, policy.flapping().window()));
            timeline.record(incident.getId(), IncidentTimeline.ALERT_REFIRED, null, describe(event));
        }
        alert.setStartsAt(event.startsAt());
        alert.setEndsAt(event.endsAt());
        alert.setAnnotations(event.annotations());
        alert.setLastReceivedAt(now);
        alerts.save(alert);

        Severity severity = Severity.ofLabels(event.labels());
        if (severity.isHigherThan(Severity.parse(incident.getSeverity()).orElse(Severity.INFO))) {
            timeline.record(incident.getId(), IncidentTimeline.SEVERITY_RAISED, null,
                    incident.getSeverity() + " -> " + severity.label());
            incident.setSeverity(severity.label());
        }
        touch(incident, now);
    }

    private IncidentEntity open(InboxEvent event, RoutingPolicy.Route route, Map<String, String> groupLabels,
                                String groupKey, String groupHash, Instant now) {
        IncidentEntity incident = new IncidentEntity();
        incident.setId(UUID.randomUUID().toString());
        incident.setGroupKey(groupKey.length() > 2000 ? groupKey.substring(0, 2000) : groupKey);
        incident.setGroupKeyHash(groupHash);
        incident.setOpenGroupKey(groupHash);
        incident.setRouteId(route.id());
        incident.setStatus(FIRING);
        incident.setSeverity(Severity.ofLabels(event.labels()).label());
        incident.setTitle(title(event));
        incident.setService(service(event.labels()));
        incident.setGroupLabels(groupLabels);
        incident.setCreatedAt(now);
        incident.setUpdatedAt(now);
        incident.setNextFlushAt(now.plus(route.groupWait()));
        incidents.save(incident);
        timeline.record(incident.getId(), IncidentTimeline.OPENED, null,
                "route=" + route.id() + " group=" + groupLabels);
        return incident;
    }

    private AlertEntity newAlert(String incidentId, InboxEvent event, Instant now) {
        AlertEntity alert = new AlertEntity();
        alert.setIncidentId(incidentId);
        alert.setFingerprint(event.fingerprint());
        alert.setSource(event.source());
        alert.setStatus(FIRING);
        alert.setSeverity(Severity.ofLabels(event.labels()).label());
        alert.setAlertname(event.labels().get("alertname"));
        alert.setLabels(event.labels());
        alert.setGeneratorUrl(event.generatorUrl());
        alert.setFirstSeenAt(now);
        return alert;
    }

    private void resolve(AlertEntity alert, InboxEvent event, Instant now, String kind) {
        alert.setStatus(RESOLVED);
        alert.setResolvedAt(event.endsAt() == null ? now : event.endsAt());
        alert.setEndsAt(event.endsAt());
        alert.setLastReceivedAt(now);
        alert.setTransitions(FlapTracker.addTransition(alert.getTransitions(), now, policy.flapping().window()));
        alerts.save(alert);
        timeline.record(alert.getIncidentId(), kind, null, describe(event));
    }

    private static void touch(IncidentEntity incident, Instant now) {
        incident.setUpdatedAt(now);
    }

    private static String title(InboxEvent event) {
        String summary = event.annotations().get("summary");
        String name = event.labels().getOrDefault("alertname", event.source());
        String title = summary == null || summary.isBlank() ? name : name + ": " + summary;
        return title.length() > 500 ? title.substring(0, 500) : title;
    }

    static String service(Map<String, String> labels) {
        for (String key : List.of("service", "job", "app", "namespace")) {
            String value = labels.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String describe(InboxEvent event) {
        return "fingerprint=" + event.fingerprint() + " status=" + event.status() + " labels=" + event.labels();
    }
}
