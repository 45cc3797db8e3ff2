package io.aiopshub.console;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether incidents changed since the last look, from the incident timeline: every change the list shows
 * (opened, alert added, severity raised, acknowledged, correlated, resolved, reopened) writes a timeline entry
 * in the same transaction, whichever replica made it. One look is one query on the primary key of
 * {@code timeline_entries}: its highest id and how many entries lie above a floor a little below it. The count
 * catches an entry that committed after a higher id was already seen (ids are taken before commit).
 */
@Component
public class IncidentChanges {

    /** Entries below the highest seen id still counted, for late commits; the floor moves up after twice this. */
    static final long LATE_COMMIT_WINDOW = 500;

    private record Look(long floor, long maxId, long count) { }

    private final JdbcTemplate jdbc;
    private Look seen;

    public IncidentChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the current state as the baseline: later looks report changes made after this. */
    public synchronized void baseline() {
        Long max = jdbc.queryForObject("select coalesce(max(id), 0) from timeline_entries", Long.class);
        seen = look(Math.max(0, (max == null ? 0 : max) - LATE_COMMIT_WINDOW));
    }

    /** True when timeline entries were written (or deleted) since the last look or baseline. */
    public synchronized boolean changed() {
        if (seen == null) {
            baseline();
            return false;
        }
        Look now = look(seen.floor());
        boolean changed = now.maxId() != seen.maxId() || now.count() != seen.count();
        seen = now.maxId() - now.floor() > 2 * LATE_COMMIT_WINDOW ? look(now.maxId() - LATE_COMMIT_WINDOW) : now;
        return changed;
    }

    private Look look(long floor) {
        return jdbc.queryForObject("select coalesce(max(id), ?), count(*) from timeline_entries where id > ?",
                (rs, i) -> new Look(floor, rs.getLong(1), rs.getLong(2)), floor, floor);
    }
}
