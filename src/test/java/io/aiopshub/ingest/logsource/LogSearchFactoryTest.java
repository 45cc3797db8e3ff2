package io.aiopshub.ingest.logsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class LogSearchFactoryTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    final LogSourceProperties properties = new LogSourceProperties();
    final LogSearchFactory factory = new LogSearchFactory(properties);
    final ObjectMapper json = new ObjectMapper();

    @Test
    void aServiceSourceReadsTheOldIndexPatternsAndFiltersOnEveryServiceField() throws Exception {
        LogSearch search = factory.next("checkout", "", null, NOW);

        assertThat(search.indices()).containsExactly("checkout-*", "logs-checkout-*", "filebeat-*");
        assertThat(search.body().at("/query/bool/filter/1")).isEqualTo(json.readTree("""
                {"bool":{"should":[{"terms":{"service.name":["checkout"]}},{"terms":{"kubernetes.labels.app":["checkout"]}},
                  {"terms":{"container.name":["checkout"]}}],"minimum_should_match":1}}"""));
        assertThat(search.body().at("/query/bool/filter/0/range/@timestamp/gte").asLong())
                .as("no checkpoint yet: the look-back").isEqualTo(NOW.minus(Duration.ofMinutes(15)).toEpochMilli());
        assertThat(search.body().has("search_after")).isFalse();
        assertThat(search.body().get("sort")).isEqualTo(json.readTree(
                "[{\"@timestamp\":{\"order\":\"asc\",\"unmapped_type\":\"date\",\"numeric_type\":\"date\"}},{\"_id\":{\"order\":\"asc\"}}]"));
    }

    @Test
    void configuredPatternsNameTheServiceAndAllServicesReadLogsAndFilebeat() {
        assertThat(LogSearchFactory.indices("api", "app-{service}-*, audit-*")).containsExactly("app-api-*", "audit-*");
        assertThat(LogSearchFactory.indices("", "")).containsExactly("logs-*", "filebeat-*");
    }

    @Test
    void continuesAfterTheCheckpointAndOnlyInSettledTime() {
        Instant last = NOW.minus(Duration.ofMinutes(2));
        LogSourceCheckpoint checkpoint = new LogSourceCheckpoint("s", last, List.of(last.toEpochMilli(), "doc-9"), 10);

        LogSearch search = factory.next("", "", checkpoint, NOW);

        assertThat(search.body().at("/query/bool/filter/0/range/@timestamp/gte").asLong()).isEqualTo(last.toEpochMilli());
        assertThat(search.body().at("/query/bool/filter/0/range/@timestamp/lt").asLong())
                .isEqualTo(NOW.minusSeconds(30).toEpochMilli());
        assertThat(search.body().get("search_after").toString()).isEqualTo("[" + last.toEpochMilli() + ",\"doc-9\"]");
        assertThat(factory.next("", "", new LogSourceCheckpoint("s", NOW.minusSeconds(10), List.of(1L, "x"), 1), NOW))
                .as("the checkpoint is already in unsettled time").isNull();
    }

    @Test
    void readingEverythingDropsTheErrorFilter() {
        properties.setErrorsOnly(false);

        assertThat(factory.next("", "", null, NOW).body().at("/query/bool/filter")).hasSize(1);
    }
}
