package io.aiopshub.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.aiopshub.config.HubMetrics;
import io.aiopshub.correlation.GroupRoles;
import io.aiopshub.notify.NotificationMessage;
import io.aiopshub.notify.NotificationMessage.Kind;
import io.aiopshub.notify.NotificationOutbox;
import io.aiopshub.store.AlertEntity;
import io.aiopshub.store.AlertRepository;
import io.aiopshub.store.IncidentEntity;
import io.aiopshub.store.IncidentRepository;
import io.aiopshub.store.LabelsConverter;

/**
 * Alertmanager's aggregation-group flush, per incident: after group_wait the first notification, then at
 * most one every group_interval when the set of firing alerts changed, a repeat after repeat_interval,
 * a resolution when everything resolved. Silenced and inhibited alerts are kept but do not notify;
 * a flapping incident sends one notice and stays quiet until it settles.
 */
@Service
public class IncidentDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentDispatcher.class);
    private static final int ACK_ATTEMPTS = 5;

    private final IncidentRepository incidents;
    private final AlertRepository alerts;
    private final IncidentTimeline timeline;
    private final SilenceService silences;
    private final NotificationOutbox outbox;
    private final CurrentRoutingPolicy policies;
    private final TransactionTemplate transaction;
    private final HubMetrics metrics;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final GroupRoles groups;

    public IncidentDispatcher(IncidentRepository incidents, AlertRepository alerts, IncidentTimeline timeline,
                              SilenceService silences, NotificationOutbox outbox, CurrentRoutingPolicy policies,
                              TransactionTemplate transaction, HubMetrics metrics, Clock clock, JdbcTemplate jdbc,
                              GroupRoles groups) {
        this.jdbc = jdbc;
        this.groups = groups;
        this.incidents = incidents;
        this.alerts = alerts;
        this.timeline = timeline;
        this.silences = silences;
        this.outbox = outbox;
        this.policies = policies;
        this.transaction = transaction;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Flushes every incident whose next check is due; each in its own transaction. Returns how many. */
    public int flushDue() {
        Instant now = clock.instant();
        List<IncidentEntity> due = incidents.findTop200ByNextFlushAtLessThanEqualOrderByNextFlushAt(now);
        if (due.isEmpty()) {
            return 0;
        }
        List<SilenceService.ActiveSilence> activeSilences = silences.active(now);
        // Inhibition sources: read as plain label maps, and only when a rule could use them.
        List<Map<String, String>> firingLabels = policy().inhibitRules().isEmpty() ? List.of()
                : jdbc.query("select labels_json from alerts where status = 'firing' and silenced_by is null",
                        (rs, i) -> LabelsConverter.read(rs.getString(1)));
        InhibitionSources inhibition = new InhibitionSources(policy().inhibitRules(), firingLabels);
        for (IncidentEntity incident : due) {
            try {
                transaction.executeWithoutResult(status -> incidents.findById(incident.getId())
                        .ifPresent(fresh -> flush(fresh, now, activeSilences, inhibition)));
            } catch (OptimisticLockingFailureException e) {
                // Another instance (or an ack) changed it meanwhile; it is looked at again next tick.
                LOG.debug("Incident {} changed concurrently; flush skipped", incident.getId());
            }
        }
        return due.size();
    }

    void flush(IncidentEntity incident, Instant now, List<SilenceService.ActiveSilence> activeSilences,
               InhibitionSources inhibition) {
        RoutingPolicy.Route route = policy().route(incident.getRouteId());
        List<AlertEntity> members = alerts.findByIncidentIdOrderById(incident.getId());
        expire(members, now);
        mute(incident, members, activeSilences, inhibition);

        TreeSet<String> notifiable = new TreeSet<>();
        boolean anyFiring = false;
        for (AlertEntity alert : members) {
            if (alert.isFiring()) {
                anyFiring = true;
                if (alert.getSilencedBy() == null && !alert.isInhibited()) {
                    notifiable.add(alert.getFingerprint());
                }
            }
        }
        Optional<GroupRoles.Role> role = groups.of(incident.getId());
        String current = String.join(",", notifiable);
        if (groups.folding() && role.isPresent() && role.get().isRoot(incident.getId()) && !notifiable.isEmpty()) {
            // Symptoms joining or leaving the root's group is a change its channels hear about (they are folded).
            current += "|symptoms:" + role.get().symptoms().stream().map(GroupRoles.Member::incidentId)
                    .collect(java.util.stream.Collectors.joining(","));
        }
        String last = incident.getLastNotifiedFiring();

        boolean flappingNow = members.stream()
                .anyMatch(a -> FlapTracker.isFlapping(a.getTransitions(), now, policy().flapping()));
        if (flappingNow) {
            if (!incident.isFlapping()) {
                incident.setFlapping(true);
                timeline.record(incident.getId(), IncidentTimeline.FLAPPING, null,
                        "more than " + policy().flapping().transitions() + " changes within " + policy().flapping().window());
                notify(incident, route, members, Kind.FLAPPING, now, current);
            }
            incident.setNextFlushAt(now.plus(route.groupInterval()));
            return;
        }
        if (incident.isFlapping()) {
            incident.setFlapping(false);
            timeline.record(incident.getId(), IncidentTimeline.SETTLED, null, "no flapping alert left");
        }

        if (!anyFiring) {
            if (last != null && !last.isEmpty()) {
                notify(incident, route, members, Kind.RESOLVED, now, "");
            }
            close(incident, now);
            return;
        }
        Kind kind = null;
        if (!notifiable.isEmpty()) {
            if (last == null) {
                kind = Kind.TRIGGER;
            } else if (!current.equals(last)) {
                kind = Kind.UPDATE;
            } else if (incident.getLastNotifiedAt() == null
                    || !now.isBefore(incident.getLastNotifiedAt().plus(route.repeatInterval()))) {
                kind = Kind.REPEAT;
            }
        } else if (last != null && !last.isEmpty()) {
            // Everything still firing is muted now: what was announced is no longer firing unmuted.
            kind = Kind.UPDATE;
        }
        if (kind != null && folded(incident, role)) {
            // The root's notification lists this incident; it stays un-notified, so if the root resolves
            // first, this incident's own first notification is a trigger.
            kind = null;
        }
        if (kind != null) {
            notify(incident, route, members, kind, now, current);
        }
        incident.setNextFlushAt(now.plus(route.groupInterval()));
    }

    /** A symptom whose root is firing sends nothing of its own when folding is on; noted once on its timeline. */
    private boolean folded(IncidentEntity incident, Optional<GroupRoles.Role> role) {
        if (!groups.folding() || role.isEmpty() || role.get().isRoot(incident.getId()) || !role.get().root().firing()) {
            return false;
        }
        Long noted = jdbc.queryForObject("select count(*) from timeline_entries where incident_id = ? and kind = ?",
                Long.class, incident.getId(), IncidentTimeline.NOTIFICATION_FOLDED);
        if (noted == null || noted == 0) {
            timeline.record(incident.getId(), IncidentTimeline.NOTIFICATION_FOLDED, null,
                    "symptom of " + role.get().root().describe() + ": notified with incident " + role.get().root().incidentId());
        }
        return true;
    }

    /**
     * Acknowledges an open incident and tells its channels (PagerDuty gets an acknowledge event).
     *
     * <p>The engine and this dispatcher update incidents all the time; an ack that met one of their updates
     * rolled back whole and is simply made again: the caller asked to acknowledge the incident as it is now,
     * not a version of it it had seen. Only an incident that keeps changing through every attempt gives the
     * version conflict back (the API answers 409).
     */
    public Optional<IncidentEntity> acknowledge(String incidentId, String user, String comment) {
        for (int attempt = 1; ; attempt++) {
            try {
                return acknowledgeOnce(incidentId, user, comment);
            } catch (OptimisticLockingFailureException e) {
                if (attempt == ACK_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Incident {} changed while acknowledging it; attempt {} of {}", incidentId, attempt + 1, ACK_ATTEMPTS);
            }
        }
    }

    private Optional<IncidentEntity> acknowledgeOnce(String incidentId, String user, String comment) {
        return transaction.execute(status -> incidents.findById(incidentId).map(incident -> {
            Instant now = clock.instant();
            incident.setAckedBy(user);
            incident.setAckedAt(now);
            incident.setAckComment(comment);
            incident.setUpdatedAt(now);
            timeline.record(incidentId, IncidentTimeline.ACKNOWLEDGED, user, comment == null ? "" : comment);
            if (IncidentEngine.FIRING.equals(incident.getStatus()) && incident.getLastNotifiedFiring() != null) {
                RoutingPolicy.Route route = policy().route(incident.getRouteId());
                outbox.enqueue(message(incident, alerts.findByIncidentIdOrderById(incidentId), Kind.ACK, now), route.channels());
            }
            return incident;
        }));
    }

    private void expire(List<AlertEntity> members, Instant now) {
        for (AlertEntity alert : members) {
            if (alert.isFiring() && alert.getEndsAt() != null && !alert.getEndsAt().isAfter(now)) {
                alert.setStatus(IncidentEngine.RESOLVED);
                alert.setResolvedAt(alert.getEndsAt());
                alert.setTransitions(FlapTracker.addTransition(alert.getTransitions(), now, policy().flapping().window()));
                timeline.record(alert.getIncidentId(), IncidentTimeline.ALERT_EXPIRED, null,
                        "fingerprint=" + alert.getFingerprint() + " endsAt=" + alert.getEndsAt());
            }
        }
    }

    private void mute(IncidentEntity incident, List<AlertEntity> members, List<SilenceService.ActiveSilence> activeSilences,
                      InhibitionSources inhibition) {
        int silenced = 0;
        int inhibited = 0;
        for (AlertEntity alert : members) {
            if (!alert.isFiring()) {
                continue;
            }
            String silenceId = activeSilences.stream().filter(s -> s.matches(alert.getLabels()))
                    .map(SilenceService.ActiveSilence::id).findFirst().orElse(null);
            if (!java.util.Objects.equals(silenceId, alert.getSilencedBy())) {
                timeline.record(incident.getId(), silenceId == null ? IncidentTimeline.UNSILENCED : IncidentTimeline.SILENCED,
                        null, "fingerprint=" + alert.getFingerprint()
                                + (silenceId == null ? " silence " + alert.getSilencedBy() + " no longer applies" : " silence=" + silenceId));
                alert.setSilencedBy(silenceId);
                if (silenceId != null) {
                    silenced++;
                }
            }
            boolean isInhibited = inhibition.inhibits(alert.getLabels());
            if (isInhibited != alert.isInhibited()) {
                timeline.record(incident.getId(), isInhibited ? IncidentTimeline.INHIBITED : IncidentTimeline.UNINHIBITED,
                        null, "fingerprint=" + alert.getFingerprint());
                alert.setInhibited(isInhibited);
                if (isInhibited) {
                    inhibited++;
                }
            }
        }
        metrics.alertsSilenced(silenced);
        metrics.alertsInhibited(inhibited);
    }

    private void notify(IncidentEntity incident, RoutingPolicy.Route route, List<AlertEntity> members, Kind kind,
                        Instant now, String notifiedFiring) {
        outbox.enqueue(message(incident, members, kind, now), route.channels());
        incident.setLastNotifiedAt(now);
        incident.setLastNotifiedFiring(notifiedFiring);
        incident.setUpdatedAt(now);
    }

    /**
     * Closes the group: a later alert of it opens a new incident. The engine has usually resolved the
     * incident already, when its last alert resolved; only an alert that expired since then is left to it.
     */
    private void close(IncidentEntity incident, Instant now) {
        if (!IncidentEngine.RESOLVED.equals(incident.getStatus())) {
            incident.setStatus(IncidentEngine.RESOLVED);
            incident.setResolvedAt(now);
            timeline.record(incident.getId(), IncidentTimeline.RESOLVED, null, "all alerts resolved");
        }
        incident.setOpenGroupKey(null);
        incident.setNextFlushAt(null);
        incident.setUpdatedAt(now);
    }

    private NotificationMessage message(IncidentEntity incident, List<AlertEntity> members, Kind kind, Instant now) {
        List<NotificationMessage.AlertLine> lines = new ArrayList<>();
        int firing = 0;
        int resolved = 0;
        for (AlertEntity alert : members) {
            if (alert.isFiring()) {
                firing++;
            } else {
                resolved++;
            }
            lines.add(new NotificationMessage.AlertLine(alert.getAlertname(), alert.getStatus(),
                    alert.getAnnotations() == null ? null : alert.getAnnotations().getOrDefault("summary",
                            alert.getAnnotations().get("description")),
                    alert.getLabels(), alert.getStartsAt()));
        }
        String text = switch (kind) {
            case TRIGGER, UPDATE -> firing + " firing, " + resolved + " resolved";
            case REPEAT -> "still firing: " + firing + " alert(s)";
            case FLAPPING -> "alerts keep switching between firing and resolved; further changes are held back until it settles";
            case ACK -> "acknowledged by " + incident.getAckedBy();
            case RESOLVED -> "all " + members.size() + " alert(s) resolved";
            case ADHOC -> "";
        };
        text += groupText(incident);
        return new NotificationMessage(incident.getId(), "aiops-" + incident.getId(), kind, incident.getSeverity(),
                incident.getTitle(), text, lines, firing, resolved, incident.getAckedBy(), incident.getAckComment(),
                incident.getGroupLabels(), now);
    }

    /** "; symptom of 'Title' (service)" or "; root of 2 correlated incident(s): ..." — empty when in no group. */
    private String groupText(IncidentEntity incident) {
        return groups.of(incident.getId()).map(role -> role.isRoot(incident.getId())
                ? "; root of " + role.symptoms().size() + " correlated incident(s): " + role.symptoms().stream()
                        .map(GroupRoles.Member::describe).collect(java.util.stream.Collectors.joining(", "))
                : "; symptom of " + role.root().describe()).orElse("");
    }

    /** The policy in force now; a reload swaps it whole. */
    private RoutingPolicy policy() {
        return policies.get();
    }
}
