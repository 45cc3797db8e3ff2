package io.aiopshub.store;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The durable landing place of accepted events. Plain JDBC batches rather than JPA: this is the ingest
 * hot path, and an insert-only table needs no entity state.
 */
@Component
public class AlertInbox {

    /** One stored event, as the incident engine reads it back. */
    public record InboxEvent(long id, String source, String fingerprint, String status, Map<String, String> labels,
                             Map<String, String> annotations, Instant startsAt, Instant endsAt,
                             String generatorUrl, Instant receivedAt) { }

    /**
     * One accepted event in the form it is written: labels and annotations already as their JSON text,
     * made by the request's own thread, so the shared group commit only binds and inserts.
     */
    public record NewEvent(String source, String fingerprint, String status, String labelsJson, String annotationsJson,
                           Instant startsAt, Instant endsAt, String generatorUrl, Instant receivedAt) {

        public static NewEvent of(String source, String fingerprint, String status, Map<String, String> labels,
                                  Map<String, String> annotations, Instant startsAt, Instant endsAt,
                                  String generatorUrl, Instant receivedAt) {
            return new NewEvent(source, fingerprint, status, LabelsConverter.write(labels),
                    LabelsConverter.write(annotations), startsAt, endsAt, generatorUrl, receivedAt);
        }
    }

    private static final RowMapper<InboxEvent> ROW = (rs, i) -> new InboxEvent(
            rs.getLong("id"), rs.getString("source"), rs.getString("fingerprint"), rs.getString("status"),
            LabelsConverter.read(rs.getString("labels_json")), LabelsConverter.read(rs.getString("annotations_json")),
            rs.getTimestamp("starts_at").toInstant(),
            rs.getTimestamp("ends_at") == null ? null : rs.getTimestamp("ends_at").toInstant(),
            rs.getString("generator_url"), rs.getTimestamp("received_at").toInstant());

    private static final int DELETE_CHUNK = 500;
    /** Shorter runs of consecutive ids go into the IN list: a statement each would cost more than it saves. */
    private static final int MIN_RANGE = 8;

    private final JdbcTemplate jdbc;

    public AlertInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts in one batch; the caller's transaction makes it all-or-nothing. */
    public void append(List<NewEvent> events) {
        jdbc.batchUpdate("""
                insert into alert_inbox (source, fingerprint, status, labels_json, annotations_json,
                                         starts_at, ends_at, generator_url, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", events, 500, (ps, e) -> {
            ps.setString(1, e.source());
            ps.setString(2, e.fingerprint());
            ps.setString(3, e.status());
            ps.setString(4, e.labelsJson());
            ps.setString(5, e.annotationsJson());
            ps.setTimestamp(6, Timestamp.from(e.startsAt()));
            if (e.endsAt() == null) {
                ps.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setTimestamp(7, Timestamp.from(e.endsAt()));
            }
            ps.setString(8, e.generatorUrl());
            ps.setTimestamp(9, Timestamp.from(e.receivedAt()));
        });
    }

    /**
     * Takes the inbox lock for the rest of the caller's transaction, so that two hub instances never
     * apply the same events twice; the second waits and then finds them gone.
     */
    public void lock() {
        jdbc.queryForList("select name from hub_locks where name = 'inbox' for update");
    }

    public List<InboxEvent> oldest(int limit) {
        return jdbc.query("select * from alert_inbox order by id fetch first ? rows only", ROW, limit);
    }

    /** The oldest event's id, read without reading the event (which may be the one that cannot be read). */
    public OptionalLong oldestId() {
        List<Long> ids = jdbc.queryForList("select id from alert_inbox order by id fetch first 1 rows only", Long.class);
        return ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.get(0));
    }

    public Optional<InboxEvent> find(long id) {
        return jdbc.query("select * from alert_inbox where id = ?", ROW, id).stream().findFirst();
    }

    /**
     * Deletes exactly the events that were read. Not "up to the last id": an ingest transaction that
     * took a lower id but committed after the read would lose its events unapplied. Ids that follow each
     * other without a gap are deleted as one range (only rows that were read can have those ids), the
     * others by their ids: a backlog is mostly one run, and a range is one index walk instead of a lookup
     * per id.
     */
    public void delete(List<InboxEvent> events) {
        long[] ids = events.stream().mapToLong(InboxEvent::id).sorted().toArray();
        List<Object> singles = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= ids.length; i++) {
            if (i < ids.length && ids[i] == ids[i - 1] + 1) {
                continue;
            }
            if (i - start >= MIN_RANGE) {
                jdbc.update("delete from alert_inbox where id between ? and ?", ids[start], ids[i - 1]);
            } else {
                for (int j = start; j < i; j++) {
                    singles.add(ids[j]);
                }
            }
            start = i;
        }
        for (int from = 0; from < singles.size(); from += DELETE_CHUNK) {
            List<Object> chunk = singles.subList(from, Math.min(singles.size(), from + DELETE_CHUNK));
            String placeholders = String.join(",", Collections.nCopies(chunk.size(), "?"));
            jdbc.update("delete from alert_inbox where id in (" + placeholders + ")", chunk.toArray());
        }
    }

    public long size() {
        Long count = jdbc.queryForObject("select count(*) from alert_inbox", Long.class);
        return count == null ? 0 : count;
    }
}
