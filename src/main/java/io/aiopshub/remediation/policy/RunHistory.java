package io.aiopshub.remediation.policy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the limits and the breaker count, read from {@code action_runs} (written by the action runner) in the
 * caller's transaction. The run being decided is always left out: it may already be in the table.
 */
@Component
public class RunHistory {

    /** The final states that count towards the effectiveness breaker: ended without a successful verify. */
    static final List<String> INEFFECTIVE = List.of("failed", "rolled_back", "outcome_unknown");
    private static final String INEFFECTIVE_IN = "('failed', 'rolled_back', 'outcome_unknown')";

    private final JdbcTemplate jdbc;

    public RunHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs in {@code running} or {@code verifying}, on any instance. */
    public int activeRuns(String exceptRunId) {
        return count("select count(*) from action_runs where state in ('running', 'verifying') and id <> ?", id(exceptRunId));
    }

    /** Runs started on {@code target} at or after {@code since}, any action. */
    public int runsStartedOn(String target, Instant since, String exceptRunId) {
        return count("select count(*) from action_runs where target = ? and started_at >= ? and id <> ?",
                target, Timestamp.from(since), id(exceptRunId));
    }

    /** The targets {@code actionId} started on at or after {@code since}. */
    public Set<String> targetsOf(String actionId, Instant since, String exceptRunId) {
        return new HashSet<>(jdbc.queryForList(
                "select distinct target from action_runs where action_id = ? and started_at >= ? and id <> ?",
                String.class, actionId, Timestamp.from(since), id(exceptRunId)));
    }

    /**
     * When the runs of (action, target) that ended without a successful verify ended, oldest first, only
     * those ended after {@code after} (the latest breaker reset; null: all). A run without
     * {@code finished_at} counts by its last update.
     */
    public List<Instant> ineffectiveEnds(String actionId, String target, Instant after) {
        return jdbc.queryForList("select coalesce(finished_at, updated_at) from action_runs"
                        + " where action_id = ? and target = ? and state in " + INEFFECTIVE_IN
                        + " and coalesce(finished_at, updated_at) > ? order by coalesce(finished_at, updated_at), id",
                        Timestamp.class, actionId, target, Timestamp.from(after == null ? Instant.EPOCH : after))
                .stream().map(Timestamp::toInstant).toList();
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    /** A run id that cannot match when the run has none yet. */
    private static String id(String runId) {
        return runId == null ? "" : runId;
    }
}
