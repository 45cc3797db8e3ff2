package io.aiopshub.ingest.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A page whose checkpoint cannot be saved leaves nothing behind: the templates mined from it roll back
 * with the checkpoint, and the miner forgets what it learnt, so reading the page again counts each line
 * once. (The failure is real: a source name longer than the checkpoint column.) A page another instance
 * already read is refused the same way.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:log-source-poller;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token"})
class LogSourcePollerTest {

    @Autowired LogSourcePoller poller;
    @Autowired JdbcTemplate jdbc;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void aFailedCheckpointRollsBackTheMinedTemplatesAndTheMinersMemory() throws Exception {
        long t = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
        List<SourceHit> page = List.of(
                hit("d1", t, "{\"message\":\"Disk quota exceeded on /var/lib/pgsql (98%)\",\"log.level\":\"error\"}"),
                hit("d2", t + 1, "{\"message\":\"Disk quota exceeded on /var/lib/mysql (97%)\",\"log.level\":\"error\"}"));

        assertThatThrownBy(() -> poller.accept("x".repeat(300), "storage", page, 0, List.of())).isInstanceOf(DataAccessException.class);
        assertThat(jdbc.queryForObject("select count(*) from log_templates where service = 'storage'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from log_source_checkpoints", Long.class)).isZero();
        assertThat(events()).as("no event half-raised").isZero();

        assertThat(poller.accept("storage-logs", "storage", page, 0, List.of())).as("page not full").isFalse();
        assertThat(jdbc.queryForObject("select sum(occurrences) from log_templates where service = 'storage'", Long.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("select lines_read from log_source_checkpoints where source_id = 'storage-logs'", Long.class))
                .isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from alerts where labels_json like '%NewErrorLogTemplate%'", Long.class) == 1);
        assertThat(events()).as("one NewErrorLogTemplate, stored or applied").isEqualTo(1);
        await("the incident carries the template, with its count").atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForList("select occurrences from incident_log_templates where service = 'storage'",
                        Long.class).equals(List.of(2L)));
    }

    @Test
    void aPageSomeoneElseAlreadyReadIsNotCountedAgain() throws Exception {
        long t = Instant.parse("2026-11-24T11:00:00Z").toEpochMilli();
        List<SourceHit> first = List.of(hit("e1", t, "{\"message\":\"Kafka consumer lag 51230 on partition 7\",\"level\":\"error\"}"));
        List<SourceHit> second = List.of(hit("e2", t + 5, "{\"message\":\"Kafka consumer lag 61002 on partition 3\",\"level\":\"error\"}"));
        poller.accept("kafka-logs", "kafka", first, 0, List.of());

        // Two instances searched after the same checkpoint during a leadership change: the second to finish loses.
        poller.accept("kafka-logs", "kafka", second, 0, List.of(t, "e1"));
        assertThatThrownBy(() -> poller.accept("kafka-logs", "kafka", second, 0, List.of(t, "e1")))
                .isInstanceOf(LogSourceCheckpoints.CheckpointMovedException.class);
        assertThatThrownBy(() -> poller.accept("kafka-logs", "kafka", first, 0, List.of()))
                .as("a first page read twice").isInstanceOf(LogSourceCheckpoints.CheckpointMovedException.class);

        assertThat(jdbc.queryForObject("select sum(occurrences) from log_templates where service = 'kafka'", Long.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForMap("select lines_read, search_after from log_source_checkpoints where source_id = 'kafka-logs'"))
                .containsEntry("LINES_READ", 2L).containsEntry("SEARCH_AFTER", "[" + (t + 5) + ",\"e2\"]");
    }

    /** Events raised: still in the inbox, or already applied as alerts. */
    private long events() {
        return jdbc.queryForObject("select count(*) from alert_inbox", Long.class) + jdbc.queryForObject(
                "select count(*) from alerts where labels_json like '%NewErrorLogTemplate%'", Long.class);
    }

    private SourceHit hit(String id, long millis, String document) throws Exception {
        return new SourceHit(id, json.readTree(document), List.of(millis, id));
    }
}
