package io.aiopshub.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Stored events the incident engine could not apply, kept with the error (table
 * {@code inbox_dead_letters}). Rows are copied in SQL, without reading them into Java, so an event
 * that cannot even be read is set aside as well.
 */
@Component
public class InboxDeadLetters {

    /** Labels and annotations as stored (JSON text): what could not be applied is shown as it was. */
    public record DeadLetter(long id, String source, String fingerprint, String status, String labelsJson,
                             String annotationsJson, Instant startsAt, Instant endsAt, String generatorUrl,
                             Instant receivedAt, Instant failedAt, String error) { }

    public static final int MAX_ERROR = 2048;

    private static final RowMapper<DeadLetter> ROW = (rs, i) -> new DeadLetter(rs.getLong("id"), rs.getString("source"),
            rs.getString("fingerprint"), rs.getString("status"), rs.getString("labels_json"),
            rs.getString("annotations_json"), instant(rs.getTimestamp("starts_at")), instant(rs.getTimestamp("ends_at")),
            rs.getString("generator_url"), instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("failed_at")),
            rs.getString("error"));

    private final JdbcTemplate jdbc;

    public InboxDeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Moves one inbox row here with the error, in the caller's transaction. Returns false when the row
     * was no longer in the inbox (another instance took it meanwhile).
     */
    public boolean moveFromInbox(long inboxId, String error, Instant failedAt) {
        String bounded = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 3) + "..." : error;
        int moved = jdbc.update("""
                insert into inbox_dead_letters (id, source, fingerprint, status, labels_json, annotations_json,
                                                starts_at, ends_at, generator_url, received_at, failed_at, error)
                select id, source, fingerprint, status, labels_json, annotations_json, starts_at, ends_at,
                       generator_url, received_at, cast(? as timestamp with time zone), cast(? as varchar(2048))
                from alert_inbox where id = ?""", Timestamp.from(failedAt), bounded, inboxId);
        jdbc.update("delete from alert_inbox where id = ?", inboxId);
        return moved > 0;
    }

    public long count() {
        Long count = jdbc.queryForObject("select count(*) from inbox_dead_letters", Long.class);
        return count == null ? 0 : count;
    }

    /** Newest first. */
    public List<DeadLetter> page(int page, int size) {
        return jdbc.query("select * from inbox_dead_letters order by failed_at desc, id desc offset ? rows fetch next ? rows only",
                ROW, (long) page * size, size);
    }

    /** Deletes dead letters older than {@code before}; returns how many. */
    public int purgeFailedBefore(Instant before) {
        return jdbc.update("delete from inbox_dead_letters where failed_at < ?", Timestamp.from(before));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
