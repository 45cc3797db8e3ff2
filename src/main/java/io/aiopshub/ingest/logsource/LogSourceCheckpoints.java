package io.aiopshub.ingest.logsource;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

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

    public void save(LogSourceCheckpoint checkpoint) {
        String searchAfter = write(checkpoint.searchAfter());
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update("update log_source_checkpoints set last_timestamp = ?, search_after = ?, lines_read = ?, "
                + "updated_at = ? where source_id = ?", Timestamp.from(checkpoint.timestamp()), searchAfter,
                checkpoint.lines(), now, checkpoint.source());
        if (updated == 0) {
            jdbc.update("insert into log_source_checkpoints (source_id, last_timestamp, search_after, lines_read, updated_at) "
                    + "values (?, ?, ?, ?, ?)", checkpoint.source(), Timestamp.from(checkpoint.timestamp()), searchAfter,
                    checkpoint.lines(), now);
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
