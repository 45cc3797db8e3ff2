package io.aiopshub.incident;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.store.TimelineEntryEntity;
import io.aiopshub.store.TimelineRepository;

/** Appends entries to an incident's timeline, inside the caller's transaction. */
@Component
public class IncidentTimeline {

    public static final String OPENED = "incident_opened";
    public static final String ALERT_ADDED = "alert_added";
    /** Several alerts joined the incident in one engine batch: one entry lists them all. */
    public static final String ALERTS_ADDED = "alerts_added";
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
    /** A symptom of a correlated group whose notifications go out with its root's. */
    public static final String NOTIFICATION_FOLDED = "notification_folded";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "incident_resolved";
    /** An alert of a resolved incident's still open group fired again before the group closed. */
    public static final String REOPENED = "incident_reopened";

    /** An entry not yet written; the incident engine collects a batch of them. */
    public record Entry(String incidentId, String kind, String actor, String detail) { }

    private final TimelineRepository repository;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public IncidentTimeline(TimelineRepository repository, JdbcTemplate jdbc, Clock clock) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String incidentId, String kind, String actor, String detail) {
        repository.save(new TimelineEntryEntity(incidentId, clock.instant(), kind, actor, detail));
    }

    /**
     * Writes many entries in one JDBC batch, in the caller's transaction. The incident rows they refer to
     * must already be flushed.
     */
    public void recordAll(List<Entry> entries) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate("insert into timeline_entries (incident_id, at, kind, actor, detail) values (?, ?, ?, ?, ?)",
                entries, 500, (ps, e) -> {
                    ps.setString(1, e.incidentId());
                    ps.setTimestamp(2, now);
                    ps.setString(3, e.kind());
                    ps.setString(4, e.actor());
                    ps.setString(5, e.detail());
                });
    }
}
