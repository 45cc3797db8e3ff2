package io.aiopshub.analysis.logs;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The mined templates with their rates, for people to read (the console's log templates page): lines in the
 * last hour from the per-minute activity (table {@code log_template_activity}, which counts error and
 * warning lines only) and the average since the template was first seen (every line counts there). Busiest
 * first. Template texts are returned as stored: whoever shows them redacts them.
 */
@Component
public class LogTemplateRates {

    /** The window of the recent rate. */
    public static final Duration RECENT = Duration.ofHours(1);
    /** Most services offered by the filter; a hub with more is filtered by typing the name. */
    public static final int MAX_SERVICES = 500;

    /**
     * One template: {@code recentLines} is null when no error or warning line of it was seen in the last hour
     * (its other lines are not counted per minute); {@code level} is the worst level seen in that hour.
     */
    public record Rate(String service, String templateId, String template, long occurrences, Instant firstSeen,
                       Instant lastSeen, Long recentLines, String level) {

        /** Lines per minute over the last hour. */
        public Double recentPerMinute() {
            return recentLines == null ? null : recentLines / (double) RECENT.toMinutes();
        }

        /** Lines per minute since first seen (at least one minute). */
        public double averagePerMinute() {
            double minutes = Math.max(1.0, Duration.between(firstSeen, lastSeen).toSeconds() / 60.0);
            return occurrences / minutes;
        }
    }

    private static final RowMapper<Rate> ROW = (rs, i) -> {
        long recent = rs.getLong("recent");
        Long recentLines = rs.wasNull() ? null : recent;
        return new Rate(rs.getString("service"), rs.getString("template_id"), rs.getString("template"),
                rs.getLong("occurrences"), rs.getTimestamp("first_seen_at").toInstant(),
                rs.getTimestamp("last_seen_at").toInstant(), recentLines, rs.getString("level"));
    };

    private final JdbcTemplate jdbc;

    public LogTemplateRates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The services that have templates, by name. */
    public List<String> services() {
        return jdbc.queryForList("select distinct service from log_templates order by service fetch first "
                + MAX_SERVICES + " rows only", String.class);
    }

    /**
     * One page of templates of {@code service} (null: every service), ordered by the last hour's lines, then
     * by the average rate, then by count.
     */
    public List<Rate> page(String service, Instant now, int page, int size) {
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(now.minus(RECENT)));
        String where = "";
        if (service != null) {
            where = "where t.service = ? ";
            args.add(service);
        }
        args.add((long) page * size);
        args.add(size);
        return jdbc.query("""
                select t.service, t.template_id, t.template, t.occurrences, t.first_seen_at, t.last_seen_at,
                       a.recent, a.level
                from log_templates t
                left join (select service, template_id, sum(occurrences) as recent, min(level) as level
                           from log_template_activity where minute_at >= ?
                           group by service, template_id) a
                       on a.service = t.service and a.template_id = t.template_id
                """ + where + """
                order by coalesce(a.recent, 0) desc,
                         t.occurrences / greatest(60, extract(epoch from t.last_seen_at) - extract(epoch from t.first_seen_at)) desc,
                         t.occurrences desc, t.service, t.template_id
                offset ? rows fetch next ? rows only""", ROW, args.toArray());
    }

    /** How many templates {@code service} has (null: all services). */
    public long count(String service) {
        Long count = service == null
                ? jdbc.queryForObject("select count(*) from log_templates", Long.class)
                : jdbc.queryForObject("select count(*) from log_templates where service = ?", Long.class, service);
        return count == null ? 0 : count;
    }
}
