package io.aiopshub.store;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dedup answered by the database, for while Redis is unavailable: what was last stored for a
 * fingerprint is its newest row in {@code alert_inbox} (accepted, not yet applied) or else its most
 * recently received row in {@code alerts} (applied). It costs a query per request, which is why it is
 * the fallback and not the default. It never drops something the database does not already hold: when
 * in doubt (no row, or the engine holds a different state, e.g. an alert it expired) the event is stored,
 * which the engine applies idempotently.
 */
public class DatabaseDedupStore implements DedupStore {

    /** Fingerprints per query: keeps the IN list well within every driver's parameter limit. */
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final Duration refreshInterval;

    public DatabaseDedupStore(JdbcTemplate jdbc, Duration refreshInterval) {
        this.jdbc = jdbc;
        this.refreshInterval = refreshInterval;
    }

    @Override
    public List<Boolean> mustStore(List<AlertState> states) {
        Map<String, String> remembered = lastStored(states.stream().map(AlertState::fingerprint).toList());
        List<Boolean> result = new ArrayList<>(states.size());
        for (AlertState state : states) {
            result.add(DedupDecision.mustStore(remembered.get(state.fingerprint()), state, refreshInterval));
        }
        return result;
    }

    /** The database is the record itself: nothing more to remember. */
    @Override
    public void remember(List<AlertState> states) {
    }

    @Override
    public void clear() {
    }

    /** Encoded like the other stores ({@link DedupDecision#encode}), by fingerprint. */
    Map<String, String> lastStored(List<String> fingerprints) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(fingerprints));
        Map<String, String> result = new HashMap<>();
        for (int from = 0; from < unique.size(); from += CHUNK) {
            List<String> chunk = unique.subList(from, Math.min(unique.size(), from + CHUNK));
            String in = String.join(",", Collections.nCopies(chunk.size(), "?"));
            // The inbox first: an event applied (moved to alerts) between the two queries is then found in one
            // of them, never in neither.
            Map<String, String> pending = new HashMap<>();
            jdbc.query("select fingerprint, status, starts_at, ends_at from alert_inbox where fingerprint in (" + in
                    + ") order by id", rs -> {
                pending.put(rs.getString(1), encode(rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)));
            }, chunk.toArray());
            // Oldest first, so the newest row of each fingerprint (one per incident) is the one left in the map.
            jdbc.query("select fingerprint, status, starts_at, ends_at from alerts where fingerprint in (" + in
                    + ") order by last_received_at, id", rs -> {
                result.put(rs.getString(1), encode(rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)));
            }, chunk.toArray());
            // A not yet applied event is newer than anything applied.
            result.putAll(pending);
        }
        return result;
    }

    private static String encode(String status, OffsetDateTime startsAt, OffsetDateTime endsAt) {
        Instant end = endsAt == null ? null : endsAt.toInstant();
        return DedupDecision.encode(new AlertState(null, status, startsAt.toInstant(), end));
    }
}
