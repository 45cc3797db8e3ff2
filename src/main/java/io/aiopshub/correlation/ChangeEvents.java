package io.aiopshub.correlation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.aiopshub.rca.group.ChangeEvent;
import io.aiopshub.redact.Redactor;
import io.aiopshub.store.LabelsConverter;

/**
 * Change events (table {@code change_events}): posted ones and those read from deploy annotations on
 * alerts. Stored redacted, so every reader (analysts, prompts, the API) sees redacted text only.
 */
@Component
public class ChangeEvents {

    public static final String POSTED = "api";
    public static final String ANNOTATION = "alert-annotation";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Redactor redactor;
    private final Clock clock;

    public ChangeEvents(JdbcTemplate jdbc, TransactionTemplate transaction, Redactor redactor, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** Stores all of them or none; returns their ids. */
    public List<String> accept(List<ChangeEvent> events, String source) {
        Timestamp now = Timestamp.from(clock.instant());
        transaction.executeWithoutResult(status -> events.forEach(e -> insert(e, source, now)));
        return events.stream().map(ChangeEvent::id).toList();
    }

    /** Stores the events whose id is not stored yet (deploy annotations repeat with every alert). */
    public int acceptNew(Collection<ChangeEvent> events, String source) {
        Timestamp now = Timestamp.from(clock.instant());
        int added = 0;
        for (ChangeEvent e : events) {
            if (jdbc.queryForObject("select count(*) from change_events where id = ?", Long.class, e.id()) == 0) {
                try {
                    insert(e, source, now);
                    added++;
                } catch (org.springframework.dao.DataIntegrityViolationException raced) {
                    // another instance stored it meanwhile
                }
            }
        }
        return added;
    }

    private void insert(ChangeEvent e, String source, Timestamp now) {
        jdbc.update("insert into change_events (id, service, host, type, summary, at, labels_json, source, received_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", e.id(), e.service(), e.host(), e.type(), redactor.redact(e.summary()),
                Timestamp.from(e.at()), LabelsConverter.write(redactor.redactValues(e.labels())), source, now);
    }

    /** Change events between {@code from} and {@code to}, newest first. */
    public List<ChangeEvent> between(Instant from, Instant to) {
        List<ChangeEvent> result = new ArrayList<>();
        jdbc.query("select id, service, host, type, summary, at, labels_json from change_events where at >= ? and at <= ? "
                + "order by at desc, id", rs -> {
                    Map<String, String> labels = LabelsConverter.read(rs.getString(7));
                    result.add(new ChangeEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), labels));
                }, Timestamp.from(from), Timestamp.from(to));
        return result;
    }
}
