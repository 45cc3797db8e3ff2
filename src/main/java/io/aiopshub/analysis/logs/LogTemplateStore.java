package io.aiopshub.analysis.logs;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Persists each service's templates so ids, counts and first-seen times survive restarts. */
@Component
public class LogTemplateStore {

    private final JdbcTemplate jdbc;

    public LogTemplateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<LogTemplate> load(String service) {
        return jdbc.query("select * from log_templates where service = ? order by template_id", (rs, i) -> new LogTemplate(
                rs.getString("template_id"), rs.getString("template"), rs.getLong("occurrences"),
                rs.getTimestamp("first_seen_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant()), service);
    }

    /** Writes the given templates (update, or insert when new). */
    public void save(String service, List<LogTemplate> templates) {
        for (LogTemplate t : templates) {
            int updated = jdbc.update("update log_templates set template = ?, occurrences = ?, last_seen_at = ? "
                    + "where service = ? and template_id = ?", t.template(), t.count(), Timestamp.from(t.lastSeen()),
                    service, t.id());
            if (updated == 0) {
                jdbc.update("insert into log_templates (service, template_id, template, occurrences, first_seen_at, last_seen_at) "
                        + "values (?, ?, ?, ?, ?, ?)", service, t.id(), t.template(), t.count(),
                        Timestamp.from(t.firstSeen()), Timestamp.from(t.lastSeen()));
            }
        }
    }
}
