package io.aiopshub.remediation.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.RunFacts;

/**
 * The effectiveness breaker of (action, target). It opens when the action ended {@code failures} times on the
 * target within {@code window} without a successful verify (failed, rolled_back, outcome_unknown), counting
 * only runs that ended after the latest reset, and it stays open, however old those runs get, until a person
 * resets it. Runs that succeeded in between do not close it: what counts is how often the action did not help.
 *
 * <p>The first end that finds the breaker open records the opening ({@code remediation_breaker_trips}) and
 * tells people, under the {@code hub_locks} row {@code remediation_breaker}; later ends, on this or another
 * instance, see the recorded opening and say nothing more.
 */
@Component
public class EffectivenessBreaker {

    static final String LOCK = "remediation_breaker";

    /** An open breaker as the API lists it. */
    public record OpenBreaker(String action, String target, Instant trippedAt, int failures, String runId, String incidentId) { }

    /** The outcome of a reset. */
    public record Reset(String action, String target, String resetBy, Instant resetAt, boolean wasOpen) { }

    private final CurrentRemediationPolicy policy;
    private final RunHistory history;
    private final BreakerNotice notice;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public EffectivenessBreaker(CurrentRemediationPolicy policy, RunHistory history, BreakerNotice notice, JdbcTemplate jdbc,
                                TransactionTemplate transaction, Clock clock) {
        this.policy = policy;
        this.history = history;
        this.notice = notice;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Why (action, target) may not be proposed or run now; empty while its breaker is closed. */
    public Optional<String> openReason(String actionId, String target) {
        Instant reset = latestReset(actionId, target);
        BreakerSettings settings = policy.get().breaker();
        int failures = recordedOpening(actionId, target, reset)
                .orElseGet(() -> trips(history.ineffectiveEnds(actionId, target, reset), settings) ? settings.failures() : 0);
        if (failures == 0) {
            return Optional.empty();
        }
        return Optional.of(describe(actionId, target, settings) + "; it stays open until a person resets it ("
                + resetHint(actionId, target) + ")");
    }

    /** Records and announces the opening when this end is the first to find the breaker open. */
    public void afterRunEnded(String actionId, RunFacts run, ActionRunState finalState) {
        if (!RunHistory.INEFFECTIVE.contains(finalState.id()) || run.target() == null) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            jdbc.queryForObject("select name from hub_locks where name = ? for update", String.class, LOCK);
            Instant reset = latestReset(actionId, run.target());
            if (recordedOpening(actionId, run.target(), reset).isPresent()) {
                return;
            }
            BreakerSettings settings = policy.get().breaker();
            List<Instant> ends = history.ineffectiveEnds(actionId, run.target(), reset);
            if (!trips(ends, settings)) {
                return;
            }
            jdbc.update("insert into remediation_breaker_trips (action_id, target, tripped_at, run_id, incident_id, failures)"
                    + " values (?, ?, ?, ?, ?, ?)", actionId, run.target(), Timestamp.from(clock.instant()), run.runId(),
                    run.incidentId(), ends.size());
            notice.opened(actionId, run, describe(actionId, run.target(), settings) + " (the latest: run " + run.runId()
                    + ", " + finalState.id() + "). The hub no longer proposes or runs it there until a person resets it: "
                    + resetHint(actionId, run.target()));
        });
    }

    /** Closes the breaker of (action, target): runs that ended before now no longer count. */
    public Reset reset(String actionId, String target, String by) {
        return transaction.execute(status -> {
            jdbc.queryForObject("select name from hub_locks where name = ? for update", String.class, LOCK);
            Instant previous = latestReset(actionId, target);
            List<OpenBreaker> open = openings(actionId, target, previous);
            boolean wasOpen = !open.isEmpty()
                    || trips(history.ineffectiveEnds(actionId, target, previous), policy.get().breaker());
            Instant now = clock.instant();
            try {
                jdbc.update("insert into remediation_breaker_resets (action_id, target, reset_by, reset_at) values (?, ?, ?, ?)",
                        actionId, target, by, Timestamp.from(now));
            } catch (DuplicateKeyException e) {
                // Reset twice in the same instant: the first row already closed it.
                return new Reset(actionId, target, by, now, false);
            }
            if (wasOpen) {
                notice.reset(actionId, target, by, open.isEmpty() ? null : open.get(0).incidentId());
            }
            return new Reset(actionId, target, by, now, wasOpen);
        });
    }

    /** Every breaker whose latest opening is newer than its latest reset, newest first. */
    public List<OpenBreaker> open() {
        return jdbc.query("select t.action_id, t.target, t.tripped_at, t.failures, t.run_id, t.incident_id"
                + " from remediation_breaker_trips t where not exists (select 1 from remediation_breaker_resets r"
                + " where r.action_id = t.action_id and r.target = t.target and r.reset_at >= t.tripped_at)"
                + " order by t.tripped_at desc, t.action_id, t.target", (rs, i) -> new OpenBreaker(rs.getString(1),
                rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getInt(4), rs.getString(5), rs.getString(6)));
    }

    /**
     * Whether some {@code failures} consecutive ends (oldest first) lie within {@code window}: the breaker
     * opened then, and stays open whatever came after.
     */
    static boolean trips(List<Instant> ends, BreakerSettings settings) {
        int n = settings.failures();
        for (int last = n - 1; last < ends.size(); last++) {
            if (Duration.between(ends.get(last - n + 1), ends.get(last)).compareTo(settings.window()) <= 0) {
                return true;
            }
        }
        return false;
    }

    private Optional<Integer> recordedOpening(String actionId, String target, Instant after) {
        return openings(actionId, target, after).stream().map(OpenBreaker::failures).findFirst();
    }

    private List<OpenBreaker> openings(String actionId, String target, Instant after) {
        return jdbc.query("select action_id, target, tripped_at, failures, run_id, incident_id from remediation_breaker_trips"
                        + " where action_id = ? and target = ? and tripped_at > ? order by tripped_at desc",
                (rs, i) -> new OpenBreaker(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getInt(4),
                        rs.getString(5), rs.getString(6)),
                actionId, target, Timestamp.from(after == null ? Instant.EPOCH : after));
    }

    private Instant latestReset(String actionId, String target) {
        Timestamp at = jdbc.queryForObject("select max(reset_at) from remediation_breaker_resets where action_id = ? and target = ?",
                Timestamp.class, actionId, target);
        return at == null ? null : at.toInstant();
    }

    private static String describe(String actionId, String target, BreakerSettings settings) {
        return "the effectiveness breaker of " + actionId + " on " + target + " is open: it ended " + settings.failures()
                + " times within " + human(settings.window()) + " without a successful verify (failed, rolled back or outcome unknown)";
    }

    /** The reset call; a target with a slash cannot be a path segment, so it goes in the body. */
    static String resetHint(String actionId, String target) {
        return target.contains("/")
                ? "POST /api/v1/actions/breakers/" + actionId + "/reset with {\"target\": \"" + target + "\"}"
                : "POST /api/v1/actions/breakers/" + actionId + "/" + target + "/reset";
    }

    static String human(Duration d) {
        if (d.toSecondsPart() != 0 || d.toMillisPart() != 0) {
            return d.toSeconds() + "s";
        }
        return d.toMinutesPart() == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
