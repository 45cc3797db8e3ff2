package io.aiopshub.incident;

import java.time.Clock;

import org.springframework.stereotype.Component;

import io.aiopshub.store.TimelineEntryEntity;
import io.aiopshub.store.TimelineRepository;

/** Appends entries to an incident's timeline, inside the caller's transaction. */
@Component
public class IncidentTimeline {

    public static final String OPENED = "incident_opened";
    public static final String ALERT_ADDED = "alert_added";
    public static final String ALERT_REFIRED = "alert_firing_again";
    public static final String ALERT_RESOLVED = "alert_resolved";
    public static final String ALERT_EXPIRED = "alert_expired";
    public static final String SEVERITY_RAISED = "severity_raised";
    public static final String SILENCED = "alert_silenced";
    public static final String UNSILENCED = "alert_unsilenced";
    public static final String INHIBITED = "alert_inhibited";
    public static final String UNINHIBITED = "alert_uninhibited";
    public static final String FLAPPING = "flapping_started";
    public static final String SETTLED = "flapping_settled";
    public static final String NOTIFICATION = "notification";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "incident_resolved";

    private final TimelineRepository repository;
    private final Clock clock;

    public IncidentTimeline(TimelineRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public void record(String incidentId, String kind, String actor, String detail) {
        repository.save(new TimelineEntryEntity(incidentId, clock.instant(), kind, actor, detail));
    }
}
