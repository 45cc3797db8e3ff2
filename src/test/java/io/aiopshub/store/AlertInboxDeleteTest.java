package io.aiopshub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.aiopshub.store.AlertInbox.InboxEvent;
import io.aiopshub.store.AlertInbox.NewEvent;

/** On a real H2 database: the inbox deletes exactly the events read, whatever gaps their ids have. */
class AlertInboxDeleteTest {

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private AlertInbox inbox;

    @BeforeEach
    void database() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:inbox-delete-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        inbox = new AlertInbox(jdbc);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void runsOfIdsAndScatteredIdsAreDeletedAndNothingBetweenThem() {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(NewEvent.of("test", "fp-" + i, "firing", Map.of("alertname", "A" + i), Map.of(),
                    Instant.parse("2026-11-29T10:00:00Z"), null, null, Instant.parse("2026-11-29T10:00:01Z")));
        }
        inbox.append(events);
        List<InboxEvent> stored = inbox.oldest(100);
        assertThat(stored).hasSize(60);
        long first = stored.get(0).id();

        // Read: a long run, a short run, single ids, and a run at the very end; the rest were "committed later".
        List<Long> read = new ArrayList<>();
        LongStream.rangeClosed(first, first + 19).forEach(read::add);
        LongStream.rangeClosed(first + 22, first + 24).forEach(read::add);
        read.add(first + 30);
        read.add(first + 32);
        LongStream.rangeClosed(first + 40, first + 59).forEach(read::add);
        List<InboxEvent> taken = new ArrayList<>(stored.stream().filter(e -> read.contains(e.id())).toList());
        java.util.Collections.shuffle(taken, new java.util.Random(7));
        inbox.delete(taken);

        List<Long> left = jdbc.queryForList("select id from alert_inbox order by id", Long.class);
        List<Long> expected = stored.stream().map(InboxEvent::id).filter(id -> !read.contains(id)).toList();
        assertThat(left).containsExactlyElementsOf(expected).hasSize(60 - read.size());
    }

    @Test
    void nothingReadDeletesNothing() {
        inbox.append(List.of(NewEvent.of("test", "fp", "firing", Map.of("alertname", "A"), Map.of(),
                Instant.parse("2026-11-29T10:00:00Z"), null, null, Instant.parse("2026-11-29T10:00:01Z"))));
        inbox.delete(List.of());
        assertThat(inbox.size()).isEqualTo(1);
    }
}
