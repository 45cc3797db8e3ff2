package io.aiopshub.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import io.aiopshub.store.NewAlertRows;

/**
 * Applies stored events to alerts and incidents: an alert joins the open incident of its group (route +
 * group_by labels) or opens one; it resolves when told so or when its endsAt passes. Applying and
 * deleting the inbox rows happen in one transaction, so every event is applied exactly once
 * ({@link InboxBatches}).
 * <p>
 * An incident's status follows its alerts at once: when its last firing alert resolves (or expires) it
 * is resolved in the same transaction. Its group stays open (open_group_key) until the dispatcher has
 * sent the resolved notification at Alertmanager's timing and closed it, so an alert of the group that
 * fires again meanwhile reopens the same incident, as Alertmanager's aggregation group would.
 */
@Service
public class IncidentEngine {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
    /** Most alerts one expiry sweep resolves; the rest wait for the next tick. */
    private static final int EXPIRY_BATCH = 500;
    private static final int IN_LIST_CHUNK = 1000;

    /** What one batch reads up front and writes at the end, so that applying an event costs no query. */
    private static final class Batch {
        final Map<String, IncidentEntity> openByGroup = new HashMap<>();
        final Map<String, AlertEntity> alertsByIncidentAndFingerprint = new HashMap<>();
        final List<IncidentEntity> newIncidents = new ArrayList<>();
        final List<AlertEntity> newAlerts = new ArrayList<>();
        final List<IncidentTimeline.Entry> timeline = new ArrayList<>();
        /** Incidents that lost a firing alert in this batch: resolved at the end if none is left. */
        final Set<String> lostFiring = new HashSet<>();
        /**
         * The alerts each incident gained in this batch, with the place in {@link #timeline} of the one entry
         * that lists them all (one row per incident and batch instead of one per alert).
         */
        final Map<String, Added> added = new HashMap<>();

        static String key(String incidentId, String fingerprint) {
            return incidentId + "/" + fingerprint;
        }
    }

    /** New alerts of one incident in one batch; {@code slot} is the index of their timeline entry. */
    private record Added(int slot, Map<String, String> groupLabels, List<InboxEvent> events) { }

    private record Routed(InboxEvent event, RoutingPolicy.Route route, Map<String, String> groupLabels,
                          String groupKey, String groupHash) { }

    private final InboxBatches batches;
    private final AlertInbox inbox;
    private final IncidentRepository incidents;
    private final AlertRepository alerts;
    private final NewAlertRows newAlertRows;
    private final IncidentTimeline timeline;
    private final CurrentRoutingPolicy policies;
    private final Clock clock;
    private final EngineBatchSizer batchSizer;

    public IncidentEngine(InboxBatches batches, AlertInbox inbox, IncidentRepository incidents, AlertRepository alerts,
                          NewAlertRows newAlertRows, IncidentTimeline timeline, CurrentRoutingPolicy policies, Clock clock, HubProperties properties) {
        this.batches = batches;
        this.inbox = inbox;
        this.incidents = incidents;
        this.alerts = alerts;
        this.newAlertRows = newAlertRows;
        this.timeline = timeline;
        this.policies = policies;
        this.clock = clock;
        HubProperties.Ingest ingest = properties.getIngest();
        this.batchSizer = new EngineBatchSizer(ingest.getProcessBatchSize(), ingest.getProcessBatchMaxSize(),
                ingest.getProcessBatchTarget());
    }

    /**
     * Applies the oldest stored events; returns how many left the inbox (applied, or set aside as dead
     * letters when they cannot be applied: see {@link InboxBatches}).
     */
    public int applyInbox() {
        int asked = batchSizer.next();
        long started = System.nanoTime();
        int taken = batches.take(asked, this::applyAll);
        batchSizer.observed(asked, taken, Duration.ofNanos(System.nanoTime() - started));
        return taken;
    }

    /** Applies events read from the inbox, in the transaction that deletes them from it. */
    private void applyAll(List<InboxEvent> events) {
        Instant now = clock.instant();
        Map<String, String> groupHashes = new HashMap<>();
        List<Routed> routed = events.stream().map(event -> route(event, groupHashes)).toList();
        Batch batch = prefetch(routed);
        for (Routed event : routed) {
            apply(event, now, batch);
        }
        describeAdded(batch);
        incidents.saveAll(batch.newIncidents);
        // New alerts and timeline rows reference incidents: write those (and the changes to alerts already
        // stored) first, then the new alerts and the whole timeline in JDBC batches.
        incidents.flush();
        newAlertRows.insertAll(batch.newAlerts);
        resolveIncidentsWithoutFiringAlerts(batch.lostFiring, now, batch.timeline);
        timeline.recordAll(batch.timeline);
    }

    private Routed route(InboxEvent event, Map<String, String> groupHashes) {
        RoutingPolicy.Route route = policy().routeFor(event.labels());
        Map<String, String> groupLabels = route.groupLabels(event.labels());
        String groupKey = route.id() + ":" + groupLabels;
        return new Routed(event, route, groupLabels, groupKey, groupHashes.computeIfAbsent(groupKey, Fingerprinter::sha256Hex));
    }

    private Batch prefetch(List<Routed> routed) {
        Batch batch = new Batch();
        Set<String> hashes = new HashSet<>();
        Set<String> fingerprints = new HashSet<>();
        for (Routed r : routed) {
            hashes.add(r.groupHash());
            fingerprints.add(r.event().fingerprint());
        }
        for (List<String> chunk : chunks(hashes)) {
            for (IncidentEntity incident : incidents.findByOpenGroupKeyIn(chunk)) {
                batch.openByGroup.put(incident.getOpenGroupKey(), incident);
            }
        }
        for (List<String> chunk : chunks(fingerprints)) {
            for (AlertEntity alert : alerts.findByFingerprintIn(chunk)) {
                batch.alertsByIncidentAndFingerprint.put(Batch.key(alert.getIncidentId(), alert.getFingerprint()), alert);
            }
        }
        return batch;
    }

    /** Keeps each IN list well below the databases' bind-parameter limits however large a batch is. */
    private static List<List<String>> chunks(Set<String> values) {
        List<String> all = new ArrayList<>(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_LIST_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IN_LIST_CHUNK)));
        }
        return chunks;
    }

    private void apply(Routed routed, Instant now, Batch batch) {
        InboxEvent event = routed.event();
        IncidentEntity incident = batch.openByGroup.get(routed.groupHash());
        boolean firing = IncomingAlert.FIRING.equals(event.status())
                && (event.endsAt() == null || event.endsAt().isAfter(now));
        AlertEntity alert = incident == null ? null
                : batch.alertsByIncidentAndFingerprint.get(Batch.key(incident.getId(), event.fingerprint()));

        if (!firing) {
            if (alert != null && alert.isFiring()) {
                resolve(alert, event, now, IncomingAlert.RESOLVED.equals(event.status())
                        ? IncidentTimeline.ALERT_RESOLVED : IncidentTimeline.ALERT_EXPIRED, batch);
                incident.setUpdatedAt(now);
                batch.lostFiring.add(incident.getId());
            }
            // A resolution for an alert we never saw firing opens nothing: there is nothing to tell anyone.
            return;
        }
        if (incident == null) {
            // group_wait counts from when the hub accepted the alert, not from when this loop got to it.
            incident = open(routed, event.receivedAt(), batch);
        } else if (RESOLVED.equals(incident.getStatus())) {
            reopen(incident, now, event, batch);
        }
        if (alert == null) {
            alert = newAlert(incident.getId(), event, now);
            batch.newAlerts.add(alert);
            batch.alertsByIncidentAndFingerprint.put(Batch.key(incident.getId(), event.fingerprint()), alert);
            String incidentId = incident.getId();
            batch.added.computeIfAbsent(incidentId, id -> {
                // Its place now, its text once the batch is through: the timeline keeps the events' order.
                batch.timeline.add(null);
                return new Added(batch.timeline.size() - 1, routed.groupLabels(), new ArrayList<>());
            }).events().add(event);
        } else if (!alert.isFiring()) {
            alert.setStatus(FIRING);
            alert.setResolvedAt(null);
            alert.setTransitions(FlapTracker.addTransition(alert.getTransitions(), now, policy().flapping().window()));
            batch.timeline.add(new IncidentTimeline.Entry(incident.getId(), IncidentTimeline.ALERT_REFIRED, null, describe(event)));
        }
        alert.setStartsAt(event.startsAt());
        alert.setEndsAt(event.endsAt());
        alert.setAnnotations(event.annotations());
        alert.setLastReceivedAt(now);

        Severity severity = Severity.ofLabels(event.labels());
        if (severity.isHigherThan(Severity.parse(incident.getSeverity()).orElse(Severity.INFO))) {
            batch.timeline.add(new IncidentTimeline.Entry(incident.getId(), IncidentTimeline.SEVERITY_RAISED, null,
                    incident.getSeverity() + " -> " + severity.label()));
            incident.setSeverity(severity.label());
        }
        incident.setUpdatedAt(now);
    }

    /**
     * One timeline entry per incident for the alerts it gained in this batch: {@code alert_added} as before
     * when it is one, else {@code alerts_added} listing each alert's fingerprint and the labels that tell it
     * apart from the others of its group.
     */
    private static void describeAdded(Batch batch) {
        for (Map.Entry<String, Added> entry : batch.added.entrySet()) {
            List<InboxEvent> added = entry.getValue().events();
            IncidentTimeline.Entry line;
            if (added.size() == 1) {
                line = new IncidentTimeline.Entry(entry.getKey(), IncidentTimeline.ALERT_ADDED, null, describe(added.get(0)));
            } else {
                line = new IncidentTimeline.Entry(entry.getKey(), IncidentTimeline.ALERTS_ADDED, null,
                        describeAll(added, entry.getValue().groupLabels()));
            }
            batch.timeline.set(entry.getValue().slot(), line);
        }
    }

    private IncidentEntity open(Routed routed, Instant at, Batch batch) {
        InboxEvent event = routed.event();
        IncidentEntity incident = new IncidentEntity();
        incident.setId(UUID.randomUUID().toString());
        String groupKey = routed.groupKey();
        incident.setGroupKey(groupKey.length() > 2000 ? groupKey.substring(0, 2000) : groupKey);
        incident.setGroupKeyHash(routed.groupHash());
        incident.setOpenGroupKey(routed.groupHash());
        incident.setRouteId(routed.route().id());
        incident.setStatus(FIRING);
        incident.setSeverity(Severity.ofLabels(event.labels()).label());
        incident.setTitle(title(event));
        incident.setService(service(event.labels()));
        incident.setGroupLabels(routed.groupLabels());
        incident.setCreatedAt(at);
        incident.setUpdatedAt(at);
        incident.setNextFlushAt(at.plus(routed.route().groupWait()));
        batch.newIncidents.add(incident);
        batch.openByGroup.put(routed.groupHash(), incident);
        batch.timeline.add(new IncidentTimeline.Entry(incident.getId(), IncidentTimeline.OPENED, null,
                "route=" + routed.route().id() + " group=" + routed.groupLabels()));
        return incident;
    }

    /** Its group is still open (the resolved notification is not out yet): the same incident fires again. */
    private void reopen(IncidentEntity incident, Instant now, InboxEvent event, Batch batch) {
        incident.setStatus(FIRING);
        incident.setResolvedAt(null);
        incident.setUpdatedAt(now);
        batch.timeline.add(new IncidentTimeline.Entry(incident.getId(), IncidentTimeline.REOPENED, null,
                "fingerprint=" + event.fingerprint() + " fires again before the group closed"));
    }

    /**
     * Resolves alerts whose endsAt has passed without a resolution being sent (the sender stopped sending),
     * and with them every incident left without a firing alert. Runs in the engine's loop, under the same
     * lock as {@link #applyInbox()}, so the two never interleave. Returns how many alerts expired.
     */
    @Transactional
    public int expireDue() {
        Instant now = clock.instant();
        // Most ticks find nothing due: asking costs an index probe, while the lock is a write.
        if (!alerts.existsByStatusAndEndsAtLessThanEqual(FIRING, now)) {
            return 0;
        }
        inbox.lock();
        List<AlertEntity> due = alerts.findByStatusAndEndsAtLessThanEqualOrderByEndsAt(FIRING, now,
                org.springframework.data.domain.PageRequest.of(0, EXPIRY_BATCH));
        if (due.isEmpty()) {
            return 0;
        }
        RoutingPolicy.Flapping flapping = policy().flapping();
        List<IncidentTimeline.Entry> entries = new ArrayList<>();
        Set<String> lostFiring = new HashSet<>();
        for (AlertEntity alert : due) {
            alert.setStatus(RESOLVED);
            alert.setResolvedAt(alert.getEndsAt());
            alert.setTransitions(FlapTracker.addTransition(alert.getTransitions(), now, flapping.window()));
            entries.add(new IncidentTimeline.Entry(alert.getIncidentId(), IncidentTimeline.ALERT_EXPIRED, null,
                    "fingerprint=" + alert.getFingerprint() + " endsAt=" + alert.getEndsAt()));
            lostFiring.add(alert.getIncidentId());
        }
        alerts.flush();
        resolveIncidentsWithoutFiringAlerts(lostFiring, now, entries);
        timeline.recordAll(entries);
        return due.size();
    }

    /**
     * The incidents among {@code candidates} that have no firing alert left become resolved now, each with a
     * timeline entry. The caller has flushed its alert changes, so the query sees them.
     */
    private void resolveIncidentsWithoutFiringAlerts(Set<String> candidates, Instant now, List<IncidentTimeline.Entry> entries) {
        if (candidates.isEmpty()) {
            return;
        }
        Set<String> stillFiring = new HashSet<>(alerts.findIncidentIdsWithFiringAlerts(candidates));
        for (IncidentEntity incident : incidents.findAllById(candidates)) {
            if (!stillFiring.contains(incident.getId()) && FIRING.equals(incident.getStatus())) {
                incident.setStatus(RESOLVED);
                incident.setResolvedAt(now);
                incident.setUpdatedAt(now);
                entries.add(new IncidentTimeline.Entry(incident.getId(), IncidentTimeline.RESOLVED, null, "all alerts resolved"));
            }
        }
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

    private void resolve(AlertEntity alert, InboxEvent event, Instant now, String kind, Batch batch) {
        alert.setStatus(RESOLVED);
        alert.setResolvedAt(event.endsAt() == null ? now : event.endsAt());
        alert.setEndsAt(event.endsAt());
        alert.setLastReceivedAt(now);
        alert.setTransitions(FlapTracker.addTransition(alert.getTransitions(), now, policy().flapping().window()));
        batch.timeline.add(new IncidentTimeline.Entry(alert.getIncidentId(), kind, null, describe(event)));
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

    /** "3 alerts: fingerprint=… labels={instance=…}; …": the group's own labels are the same for all, so left out. */
    private static String describeAll(List<InboxEvent> events, Map<String, String> groupLabels) {
        StringBuilder text = new StringBuilder(64 * events.size()).append(events.size()).append(" alerts: ");
        for (int i = 0; i < events.size(); i++) {
            InboxEvent event = events.get(i);
            if (i > 0) {
                text.append("; ");
            }
            text.append("fingerprint=").append(event.fingerprint()).append(" labels={");
            boolean first = true;
            for (Map.Entry<String, String> label : new java.util.TreeMap<>(event.labels()).entrySet()) {
                if (!groupLabels.containsKey(label.getKey())) {
                    text.append(first ? "" : ", ").append(label.getKey()).append('=').append(label.getValue());
                    first = false;
                }
            }
            text.append('}');
        }
        return text.toString();
    }

    /** The policy in force now; a reload swaps it whole. */
    private RoutingPolicy policy() {
        return policies.get();
    }
}
