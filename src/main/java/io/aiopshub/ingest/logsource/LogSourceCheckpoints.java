package io.aiopshub.ingest.logsource;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Persists each log source's checkpoint; saved in the caller's transaction (see {@link LogSourcePoller}). */
@Component
public class LogSourceCheckpoints {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public LogSourceCheckpoints(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public Optional<LogSourceCheckpoint> load(String source) {
        return jdbc.query("select * from log_source_checkpoints where source_id = ?", (rs, i) -> new LogSourceCheckpoint(
                source, rs.getTimestamp("last_timestamp").toInstant(), parse(rs.getString("search_after")),
                rs.getLong("lines_read")), source).stream().findFirst();
    }

    /**
     * Moves a source's checkpoint from {@code basis} (the sort values the page was searched after; empty
     * for the first page) to after the page just read, adding its lines. Refuses when the stored
     * checkpoint is no longer {@code basis}: someone else (another instance, during a leadership change)
     * read that page first, and the caller's transaction must roll back rather than count it twice.
     */
    public void advance(String source, Instant timestamp, List<Object> searchAfter, long lines, List<Object> basis) {
        String next = write(searchAfter);
        Timestamp now = Timestamp.from(clock.instant());
        if (basis.isEmpty()) {
            try {
                jdbc.update("insert into log_source_checkpoints (source_id, last_timestamp, search_after, lines_read, updated_at) "
                        + "values (?, ?, ?, ?, ?)", source, Timestamp.from(timestamp), next, lines, now);
            } catch (DuplicateKeyException e) {
                throw new CheckpointMovedException(source, e);
            }
            return;
        }
        int updated = jdbc.update("update log_source_checkpoints set last_timestamp = ?, search_after = ?, "
                + "lines_read = lines_read + ?, updated_at = ? where source_id = ? and search_after = ?",
                Timestamp.from(timestamp), next, lines, now, source, write(basis));
        if (updated == 0) {
            throw new CheckpointMovedException(source, null);
        }
    }

    /** The page was already read by someone else; nothing of it may be kept. */
    public static class CheckpointMovedException extends IllegalStateException {
        CheckpointMovedException(String source, Throwable cause) {
            super("the checkpoint of log source " + source + " moved while a page was read (another instance read it)", cause);
        }
    }

    private List<Object> parse(String text) {
        try {
            return json.readValue(text, new TypeReference<List<Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable log source checkpoint: " + text, e);
        }
    }

    private String write(List<Object> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("checkpoint sort values are not JSON: " + values, e);
        }
    }
}
