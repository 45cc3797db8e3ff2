package io.aiopshub.correlation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.ingest.LogLine;

/**
 * When which error and warning log templates were seen, by service, host and minute (table
 * {@code log_template_activity}): the log evidence of a group's time window, whichever incident the
 * lines arrived with. Also notes the known services and hosts an error or warning line names, as learned
 * dependencies of the line's service. Lines are counted in memory while mined and written by
 * {@link #flush()}, outside the mining transaction.
 */
@Component
public class LogActivity {

    /** Most distinct (service, host, template, minute) keys held between flushes; more are dropped. */
    private static final int MAX_PENDING = 20_000;
    private static final int MAX_EXAMPLE = 2_000;
    private static final Pattern TOKEN = Pattern.compile("[^A-Za-z0-9_.\\-]+");

    /** One mined error or warning line: its template and its (redacted) text. */
    public record Sighting(String service, String host, String templateId, String level, Instant at, String example,
                           String message) { }

    private record Key(String service, String host, String templateId, Instant minute) { }

    private static final class Count {
        long occurrences;
        String level;
        String example;
    }

    private final JdbcTemplate jdbc;
    private final KnownNames knownNames;
    private final LearnedDependencies learned;
    private final Map<Key, Count> pending = new LinkedHashMap<>();
    private final Set<LearnedDependencies.Dependency> mentions = new LinkedHashSet<>();

    public LogActivity(JdbcTemplate jdbc, KnownNames knownNames, LearnedDependencies learned) {
        this.jdbc = jdbc;
        this.knownNames = knownNames;
        this.learned = learned;
    }

    /** Level of a line for the evidence: "error", "warning", or null when it is neither. */
    public static String level(LogLine line) {
        if (line.isError()) {
            return "error";
        }
        String level = line.level() == null ? "" : line.level().toLowerCase(Locale.ROOT);
        return level.startsWith("warn") ? "warning" : null;
    }

    /** Adds mined lines (call once their templates are committed). */
    public synchronized void add(Collection<Sighting> sightings) {
        Set<String> names = knownNames.get();
        for (Sighting s : sightings) {
            Key key = new Key(s.service(), s.host() == null ? "" : s.host(), s.templateId(),
                    s.at().truncatedTo(ChronoUnit.MINUTES));
            Count count = pending.get(key);
            if (count == null) {
                if (pending.size() >= MAX_PENDING) {
                    continue;
                }
                count = new Count();
                pending.put(key, count);
            }
            count.occurrences++;
            count.level = "error".equals(count.level) ? count.level : s.level();
            count.example = s.example().length() > MAX_EXAMPLE ? s.example().substring(0, MAX_EXAMPLE) : s.example();
            for (String token : TOKEN.split(s.message())) {
                String name = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
                if (name.length() >= 3 && !name.equals(s.service()) && !name.equals(s.host()) && names.contains(name)
                        && mentions.size() < MAX_PENDING) {
                    mentions.add(new LearnedDependencies.Dependency(s.service(), name, LearnedDependencies.LOG));
                }
            }
        }
    }

    /** Writes what was counted since the last flush; returns how many rows it touched. */
    public int flush() {
        Map<Key, Count> batch;
        List<LearnedDependencies.Dependency> named;
        synchronized (this) {
            batch = new LinkedHashMap<>(pending);
            pending.clear();
            named = new ArrayList<>(mentions);
            mentions.clear();
        }
        batch.forEach(this::write);
        learned.record(named);
        return batch.size();
    }

    private void write(Key key, Count count) {
        String update = "update log_template_activity set occurrences = occurrences + ?, example = ?, level = ? "
                + "where service = ? and host = ? and template_id = ? and minute_at = ?";
        Object[] args = {count.occurrences, count.example, count.level, key.service(), key.host(), key.templateId(),
                Timestamp.from(key.minute())};
        if (jdbc.update(update, args) > 0) {
            return;
        }
        try {
            jdbc.update("insert into log_template_activity (service, host, template_id, level, minute_at, occurrences, example) "
                    + "values (?, ?, ?, ?, ?, ?, ?)", key.service(), key.host(), key.templateId(), count.level,
                    Timestamp.from(key.minute()), count.occurrences, count.example);
        } catch (DataIntegrityViolationException raced) {
            jdbc.update(update, args);
        }
    }

    /** One template's activity in a window: where, how often, an example line. */
    public record Window(String service, String host, String templateId, String template, String level, long occurrences,
                         String example, Instant firstMinute, Instant lastMinute) { }

    /** Error and warning templates seen between {@code from} and {@code to}, per (service, host, template). */
    public List<Window> between(Instant from, Instant to) {
        Map<String, Window> merged = new LinkedHashMap<>();
        jdbc.query("select a.service, a.host, a.template_id, t.template, a.level, a.occurrences, a.example, a.minute_at "
                + "from log_template_activity a left join log_templates t on t.service = a.service and t.template_id = a.template_id "
                + "where a.minute_at >= ? and a.minute_at <= ? order by a.minute_at", rs -> {
                    String k = rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3);
                    Instant minute = rs.getTimestamp(8).toInstant();
                    Window old = merged.get(k);
                    String level = old != null && "error".equals(old.level()) ? "error" : rs.getString(5);
                    merged.put(k, new Window(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4) == null ? rs.getString(7) : rs.getString(4), level,
                            (old == null ? 0 : old.occurrences()) + rs.getLong(6), rs.getString(7),
                            old == null ? minute : old.firstMinute(), minute));
                }, Timestamp.from(from.truncatedTo(ChronoUnit.MINUTES)), Timestamp.from(to));
        return new ArrayList<>(merged.values());
    }

    /** Forgets activity older than {@code before}; returns how many rows. */
    public int prune(Instant before) {
        return jdbc.update("delete from log_template_activity where minute_at < ?", Timestamp.from(before));
    }
}
