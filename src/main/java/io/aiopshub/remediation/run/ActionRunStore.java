package io.aiopshub.remediation.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.incident.IncidentTimeline;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.catalog.Risk;

/**
 * The {@code action_runs} table and its children. Every change of state is one compare-and-set
 * ({@code update ... where id = ? and state = ?}) that commits together with its entry in the run's own
 * history and on the incident's timeline; a move that lost the race changes nothing and says so.
 */
@Component
public class ActionRunStore {

    private static final int MAX_REASON = 2000;
    private static final TypeReference<Map<String, Object>> PARAMETERS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STATE = new TypeReference<>() { };

    /** A run to insert in state {@code proposed}. */
    public record NewRun(String incidentId, String actionId, String executor, Risk risk, String target,
                         Map<String, Object> parameters, String proposedBy, ProposerKind proposerKind,
                         String idempotencyKey, String detail) { }

    /** The filter of a run listing; null fields do not filter. */
    public record Filter(String incidentId, ActionRunState state) { }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final IncidentTimeline timeline;
    private final ObjectMapper json;
    private final Clock clock;
    private final RowMapper<ActionRun> rows = this::map;

    public ActionRunStore(JdbcTemplate jdbc, TransactionTemplate transactions, IncidentTimeline timeline,
                          ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.timeline = timeline;
        this.json = json;
        this.clock = clock;
    }

    public Optional<ActionRun> find(String id) {
        return jdbc.query("select * from action_runs where id = ?", rows, id).stream().findFirst();
    }

    public Optional<ActionRun> findByIdempotencyKey(String key) {
        return jdbc.query("select * from action_runs where idempotency_key = ?", rows, key).stream().findFirst();
    }

    /**
     * Inserts a proposed run with its first history entry; empty when a run with the same idempotency key
     * exists already (a retry, or a concurrent twin of this proposal).
     */
    public Optional<ActionRun> insert(NewRun run) {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.update("""
                        insert into action_runs (id, incident_id, action_id, executor, risk, target, parameters_json,
                            proposed_by, proposer_kind, idempotency_key, state, state_reason, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        id, run.incidentId(), run.actionId(), run.executor(), run.risk().name().toLowerCase(java.util.Locale.ROOT),
                        run.target(), canonicalJson(run.parameters()), run.proposedBy(), run.proposerKind().id(),
                        run.idempotencyKey(), ActionRunState.PROPOSED.id(), run.detail(), now, now);
                record(new Subject(id, run.incidentId(), run.actionId(), run.target()), kind(ActionRunState.PROPOSED),
                        run.proposedBy(), run.detail());
            });
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        return find(id);
    }

    /**
     * The compare-and-set: moves the run when it is still in {@code move.from()} (and, if the move says so,
     * still held by the instance, or its lease ran out). Returns whether this call moved it.
     */
    public boolean move(String id, Move move) {
        Boolean moved = transactions.execute(status -> {
            Instant now = clock.instant();
            StringBuilder sql = new StringBuilder("update action_runs set state = ?, state_reason = ?, updated_at = ?");
            List<Object> args = new ArrayList<>(List.of(move.to().id(), reason(move.reason()), Timestamp.from(now)));
            move.columns().forEach((column, value) -> {
                sql.append(", ").append(column.column()).append(" = ?");
                args.add(value(value));
            });
            if (move.to().isFinal()) {
                sql.append(", finished_at = ?, lease_until = null");
                args.add(Timestamp.from(now));
            }
            sql.append(" where id = ? and state = ?");
            args.add(id);
            args.add(move.from().id());
            if (move.holder() != null) {
                sql.append(" and claimed_by = ?");
                args.add(move.holder());
            }
            if (move.leaseExpiredBefore() != null) {
                sql.append(" and (lease_until is null or lease_until < ?)");
                args.add(Timestamp.from(move.leaseExpiredBefore()));
            }
            if (jdbc.update(sql.toString(), args.toArray()) != 1) {
                return false;
            }
            Subject subject = jdbc.queryForObject("select id, incident_id, action_id, target from action_runs where id = ?",
                    (rs, i) -> new Subject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), id);
            record(subject, kind(move.to()), move.actor(), reason(move.reason()));
            return true;
        });
        return Boolean.TRUE.equals(moved);
    }

    /** Sets columns of a run still in {@code state} (and held by {@code holder}, when given) without moving it. */
    public boolean update(String id, ActionRunState state, String holder, Map<RunColumn, Object> columns) {
        StringBuilder sql = new StringBuilder("update action_runs set updated_at = ?");
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(clock.instant())));
        columns.forEach((column, value) -> {
            sql.append(", ").append(column.column()).append(" = ?");
            args.add(value(value));
        });
        sql.append(" where id = ? and state = ?");
        args.add(id);
        args.add(state.id());
        if (holder != null) {
            sql.append(" and claimed_by = ?");
            args.add(holder);
        }
        return jdbc.update(sql.toString(), args.toArray()) == 1;
    }

    /** An entry in the run's history and on its incident's timeline that changes no state (a refused approval). */
    public void note(ActionRun run, String kind, String actor, String detail) {
        transactions.executeWithoutResult(status -> record(new Subject(run.id(), run.incidentId(), run.actionId(), run.target()),
                kind, actor, detail));
    }

    /** Locks the run's row until the caller's transaction ends: decisions on one run happen one at a time. */
    public Optional<ActionRunState> lock(String id) {
        return jdbc.queryForList("select state from action_runs where id = ? for update", String.class, id).stream()
                .findFirst().map(ActionRunState::of);
    }

    /** Locks the one launch-lock row until the caller's transaction ends (see V40__action_runs.sql). */
    public void lockLaunches() {
        jdbc.queryForList("select id from remediation_launch_lock where id = 1 for update", Integer.class);
    }

    /** Adds a decision; false when this person already decided on this run (the primary key). */
    public boolean addDecision(String runId, RunDecision decision) {
        try {
            jdbc.update("insert into action_run_decisions (run_id, decided_by, channel, decision, comment, decided_at) "
                    + "values (?, ?, ?, ?, ?, ?)", runId, decision.decidedBy(), decision.channel(), decision.decision(),
                    decision.comment(), Timestamp.from(decision.decidedAt()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Replaces a person's earlier decision (an approver of a two-person run who then rejects or cancels it). */
    public void replaceDecision(String runId, RunDecision decision) {
        jdbc.update("update action_run_decisions set channel = ?, decision = ?, comment = ?, decided_at = ? "
                + "where run_id = ? and decided_by = ?", decision.channel(), decision.decision(), decision.comment(),
                Timestamp.from(decision.decidedAt()), runId, decision.decidedBy());
    }

    public List<RunDecision> decisions(String runId) {
        return jdbc.query("select * from action_run_decisions where run_id = ? order by decided_at, decided_by",
                (rs, i) -> new RunDecision(rs.getString("decided_by"), rs.getString("channel"), rs.getString("decision"),
                        rs.getString("comment"), rs.getTimestamp("decided_at").toInstant()), runId);
    }

    public List<RunEvent> events(String runId) {
        return jdbc.query("select * from action_run_events where run_id = ? order by id",
                (rs, i) -> new RunEvent(rs.getTimestamp("at").toInstant(), rs.getString("kind"), rs.getString("actor"),
                        rs.getString("detail")), runId);
    }

    public List<ActionRun> list(Filter filter, int page, int size) {
        Where where = where(filter);
        List<Object> args = new ArrayList<>(where.args());
        args.add((long) page * size);
        args.add(size);
        return jdbc.query("select * from action_runs" + where.sql() + " order by created_at desc, id offset ? rows fetch next ? rows only",
                rows, args.toArray());
    }

    public long count(Filter filter) {
        Where where = where(filter);
        Long count = jdbc.queryForObject("select count(*) from action_runs" + where.sql(), Long.class, where.args().toArray());
        return count == null ? 0 : count;
    }

    /** Runs in {@code state}, oldest change first, at most {@code limit}. */
    public List<ActionRun> inState(ActionRunState state, int limit) {
        return jdbc.query("select * from action_runs where state = ? order by updated_at, id fetch first ? rows only",
                rows, state.id(), limit);
    }

    /** Runs in {@code state} whose {@code expires_at} has passed. */
    public List<ActionRun> expiredIn(ActionRunState state, Instant now, int limit) {
        return jdbc.query("select * from action_runs where state = ? and expires_at < ? order by expires_at fetch first ? rows only",
                rows, state.id(), Timestamp.from(now), limit);
    }

    /** Running or verifying runs whose lease ran out: their instance stopped renewing it. */
    public List<ActionRun> leaseLost(Instant now, int limit) {
        return jdbc.query("select * from action_runs where state in (?, ?) and (lease_until is null or lease_until < ?) "
                + "order by lease_until fetch first ? rows only", rows, ActionRunState.RUNNING.id(),
                ActionRunState.VERIFYING.id(), Timestamp.from(now), limit);
    }

    /** The running and verifying runs {@code instance} holds. */
    public List<ActionRun> heldBy(String instance) {
        return jdbc.query("select * from action_runs where claimed_by = ? and state in (?, ?) order by updated_at, id",
                rows, instance, ActionRunState.RUNNING.id(), ActionRunState.VERIFYING.id());
    }

    /** Extends a held run's lease, unless it ran out already (then the sweeper owns the run). */
    public boolean renewLease(String id, ActionRunState state, String holder, Instant now, Instant until) {
        return jdbc.update("update action_runs set lease_until = ? where id = ? and state = ? and claimed_by = ? and lease_until >= ?",
                Timestamp.from(until), id, state.id(), holder, Timestamp.from(now)) == 1;
    }

    /** Parameters as stored and compared: keys in order, so equal parameters give equal text. */
    public String canonicalJson(Map<String, ?> values) {
        try {
            return json.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("parameters are not serialisable", e);
        }
    }

    static String kind(ActionRunState state) {
        return "action_" + state.id();
    }

    /** What a history entry is about: the run, and for the incident's timeline its action and target. */
    private record Subject(String runId, String incidentId, String actionId, String target) { }

    private void record(Subject subject, String kind, String actor, String detail) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("insert into action_run_events (run_id, at, kind, actor, detail) values (?, ?, ?, ?, ?)",
                subject.runId(), now, kind, actor, detail);
        if (subject.incidentId() != null) {
            timeline.recordAll(List.of(new IncidentTimeline.Entry(subject.incidentId(), kind, actor,
                    subject.actionId() + " on " + subject.target() + " (run " + subject.runId() + "): " + detail)));
        }
    }

    private Object value(Object value) {
        if (value instanceof Instant instant) {
            return Timestamp.from(instant);
        }
        if (value instanceof Map<?, ?> map) {
            try {
                return json.writeValueAsString(new TreeMap<>(map));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not serialisable", e);
            }
        }
        return value;
    }

    private record Where(String sql, List<Object> args) { }

    private static Where where(Filter filter) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (filter.incidentId() != null) {
            conditions.add("incident_id = ?");
            args.add(filter.incidentId());
        }
        if (filter.state() != null) {
            conditions.add("state = ?");
            args.add(filter.state().id());
        }
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), args);
    }

    /** The reason as {@code state_reason} holds it (2048 characters). */
    private static String reason(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 3) + "...";
    }

    private ActionRun map(ResultSet rs, int row) throws SQLException {
        return new ActionRun(rs.getString("id"), rs.getString("incident_id"), rs.getString("action_id"),
                rs.getString("executor"), Risk.valueOf(rs.getString("risk").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("target"), read(rs.getString("parameters_json"), PARAMETERS), rs.getString("proposed_by"),
                ProposerKind.of(rs.getString("proposer_kind")), rs.getString("idempotency_key"),
                ActionRunState.of(rs.getString("state")), rs.getString("state_reason"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "expires_at"), rs.getString("dry_run"),
                (Boolean) rs.getObject("dry_run_succeeded", Boolean.class), rs.getString("output"),
                rs.getString("verify_result"), rs.getString("rollback_output"),
                rs.getString("executor_state_json") == null ? Map.of() : read(rs.getString("executor_state_json"), STATE),
                rs.getString("claimed_by"), instant(rs, "lease_until"), instant(rs, "started_at"),
                instant(rs, "verify_deadline"), instant(rs, "finished_at"));
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON of an action run is unreadable", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
