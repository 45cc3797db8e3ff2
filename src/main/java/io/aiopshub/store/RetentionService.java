package io.aiopshub.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.notify.NotificationOutbox;

/**
 * Deletes what is finished and old (route {@code retention}): resolved incidents with everything that
 * hangs off them (their finished action runs included), ended silences, idle log templates and old inbox dead letters. Open incidents, pending notifications and
 * anything younger than its retention are never touched. Each incident goes with its children in one
 * transaction, so a run cut short leaves no orphans.
 */
@Service
public class RetentionService {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);

    /** Tables whose rows belong to an incident, children first. */
    private static final List<String> INCIDENT_CHILDREN = List.of("alerts", "timeline_entries", "incident_log_templates",
            "incident_metric_context", "incident_analyses");

    /**
     * Tables whose rows belong to an action run of an incident; the runs go with the incident once finished.
     * The chat tables have no foreign key to the runs (a posted message outlives nothing it needs), so
     * nothing else would ever delete their rows.
     */
    private static final List<String> RUN_CHILDREN = List.of("action_run_events", "action_run_decisions",
            "chat_approval_refs", "chat_posted_approvals");

    public record Purged(int incidents, int silences, int logTemplates, int deadLetters) { }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RetentionProperties properties;
    private final Clock clock;

    public RetentionService(JdbcTemplate jdbc, TransactionTemplate transaction, RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    public Purged purge() {
        Instant now = clock.instant();
        Timestamp resolvedBefore = Timestamp.from(now.minus(properties.getResolvedIncidents()));
        // An incident with a notification still to send stays until it is sent or dead, one with an action run
        // not finished yet until it is.
        List<String> incidents = jdbc.queryForList("""
                select i.id from incidents i where i.status = ? and i.resolved_at < ?
                and not exists (select 1 from notifications n where n.incident_id = i.id and n.status = ?)
                and not exists (select 1 from action_runs r where r.incident_id = i.id and r.finished_at is null)
                order by i.resolved_at fetch first ? rows only""", String.class, IncidentEngine.RESOLVED, resolvedBefore,
                NotificationOutbox.PENDING, properties.getBatchSize());
        for (String id : incidents) {
            transaction.executeWithoutResult(status -> {
                for (String table : RUN_CHILDREN) {
                    jdbc.update("delete from " + table + " where run_id in (select id from action_runs where incident_id = ?)", id);
                }
                jdbc.update("delete from action_runs where incident_id = ? and finished_at is not null", id);
                for (String table : INCIDENT_CHILDREN) {
                    jdbc.update("delete from " + table + " where incident_id = ?", id);
                }
                jdbc.update("delete from notifications where incident_id = ? and status <> ?", id, NotificationOutbox.PENDING);
                jdbc.update("delete from incidents where id = ? and status = ?", id, IncidentEngine.RESOLVED);
            });
        }
        // Notifications of no incident (ad hoc), once finished, age like resolved incidents.
        jdbc.update("delete from notifications where incident_id is null and status <> ? and updated_at < ?",
                NotificationOutbox.PENDING, resolvedBefore);
        int silences = jdbc.update("delete from silences where coalesce(expired_at, ends_at) < ?",
                Timestamp.from(now.minus(properties.getEndedSilences())));
        int templates = jdbc.update("delete from log_templates where last_seen_at < ?",
                Timestamp.from(now.minus(properties.getIdleLogTemplates())));
        int deadLetters = jdbc.update("delete from inbox_dead_letters where failed_at < ?",
                Timestamp.from(now.minus(properties.getDeadLetters())));
        Purged purged = new Purged(incidents.size(), silences, templates, deadLetters);
        if (purged.incidents() + purged.silences() + purged.logTemplates() + purged.deadLetters() > 0) {
            LOG.info("retention: deleted {} resolved incidents, {} ended silences, {} idle log templates, {} dead letters",
                    purged.incidents(), purged.silences(), purged.logTemplates(), purged.deadLetters());
        }
        return purged;
    }
}
