package io.aiopshub.ingest.logsource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.aiopshub.support.ElasticsearchAnswers.searchAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.micrometer.core.instrument.MeterRegistry;

import io.aiopshub.support.MutableClock;
import io.aiopshub.support.TestClockConfig;

/**
 * The shipped Elasticsearch log source (routes/log-sources.yaml) against Elasticsearch 8 search answers
 * served by WireMock: the exact search sent (index patterns, settled time range, error filter, sort by
 * timestamp then tiebreak, no total count), the next page asked with {@code search_after} when a page
 * was full, lines mined into templates and an incident, and the checkpoint the next poll continues from.
 * A failed search (503) stores nothing and the next poll asks again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:es-log-source;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.log-sources.elasticsearch.enabled=true",
        "aiops.log-sources.elasticsearch.period=300",
        "aiops.log-sources.error-levels=error,fatal",
        "aiops.log-sources.page-size=3",
        "aiops.log-sources.tiebreak-field=event.id",
        "camel.cluster.file.acquire-lock-interval=1s"})
@Import(TestClockConfig.class)
class ElasticsearchLogSourceTest {

    static final WireMockServer ELASTICSEARCH = new WireMockServer(options().dynamicPort());

    static {
        ELASTICSEARCH.start();
    }

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("aiops.log-sources.elasticsearch.hosts", () -> "localhost:" + ELASTICSEARCH.port());
        registry.add("camel.cluster.file.root", () -> "target/cluster-" + ElasticsearchLogSourceTest.class.getSimpleName());
    }

    @AfterAll
    static void stop() {
        ELASTICSEARCH.stop();
    }

    // 2026-03-01T09:58:00Z, twice (the tiebreak orders them), then 09:58:05Z
    static final long T1 = 1772359080000L;
    static final long T2 = 1772359085000L;

    @Autowired JdbcTemplate jdbc;
    @Autowired MutableClock clock;
    @Autowired MeterRegistry meters;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void pollsWithSearchAfterMinesLinesOnceAndContinuesFromTheCheckpoint() throws Exception {
        // The cluster is unavailable at first: the poll fails, nothing is stored, the next poll goes on.
        ELASTICSEARCH.stubFor(post(urlPathMatching("/.*/_search")).inScenario("cluster").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("X-Elastic-Product", "Elasticsearch")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"search_phase_execution_exception\",\"reason\":\"all shards failed\"},\"status\":503}"))
                .willSetStateTo("up"));
        ELASTICSEARCH.stubFor(post(urlPathMatching("/.*/_search")).inScenario("cluster").whenScenarioStateIs("up")
                .withRequestBody(notContaining("search_after"))
                .willReturn(searchAnswer("""
                        [{"_index":"logs-checkout-2026.03.01","_id":"Hk3Yq44BxV1","_score":null,
                          "_source":{"@timestamp":"2026-03-01T09:58:00.000Z","message":"Payment authorization failed for order 81723: upstream timeout after 5000ms",
                                     "log":{"level":"error"},"service":{"name":"checkout"},"host":{"name":"web-1"},"event":{"id":"a-001"}},
                          "sort":[%d,"a-001"]},
                         {"_index":"logs-checkout-2026.03.01","_id":"Hk3Yq44BxV2","_score":null,
                          "_source":{"@timestamp":"2026-03-01T09:58:00.000Z","message":"Payment authorization failed for order 81724: upstream timeout after 5000ms",
                                     "log.level":"error","service.name":"checkout","host":{"name":"web-2"},"event":{"id":"a-002"}},
                          "sort":[%d,"a-002"]},
                         {"_index":"filebeat-8.15.0-2026.03.01","_id":"Hk3Yq44BxV3","_score":null,
                          "_source":{"@timestamp":"2026-03-01T09:58:05.000Z","message":"java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                                     "log":{"level":"error"},"kubernetes":{"labels":{"app":"checkout"}},"event":{"id":"b-001"}},
                          "sort":[%d,"b-001"]}]""".formatted(T1, T1, T2))));
        ELASTICSEARCH.stubFor(post(urlPathMatching("/.*/_search")).inScenario("cluster").whenScenarioStateIs("up")
                .withRequestBody(containing("search_after"))
                .willReturn(searchAnswer("[]")));

        await().atMost(Duration.ofSeconds(20)).until(() -> checkpointLines() == 3);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ELASTICSEARCH.findAll(postRequestedFor(urlPathMatching("/.*/_search"))).size() >= 3);

        List<LoggedRequest> searches = ELASTICSEARCH.findAll(postRequestedFor(urlPathMatching("/.*/_search")));
        assertThat(searches.get(0).getBodyAsString()).as("the failed poll asked the same").isEqualTo(searches.get(1).getBodyAsString());
        searches = searches.subList(1, searches.size());
        LoggedRequest first = searches.get(0);
        assertThat(first.getUrl()).startsWith("/logs-*,filebeat-*/_search")
                .contains("ignore_unavailable=true").contains("allow_no_indices=true");
        assertThat(first.getHeader("Content-Type")).contains("compatible-with=8");
        long from = TestClockConfig.START.minus(Duration.ofMinutes(15)).toEpochMilli();
        long until = TestClockConfig.START.minus(Duration.ofSeconds(30)).toEpochMilli();
        assertThat(json.readTree(first.getBodyAsString())).isEqualTo(json.readTree("""
                {"query":{"bool":{"filter":[
                   {"range":{"@timestamp":{"gte":%d,"lt":%d,"format":"epoch_millis"}}},
                   {"bool":{"should":[
                      {"terms":{"log.level":["error","fatal"]}},
                      {"terms":{"level":["error","fatal"]}},
                      {"terms":{"severity":["error","fatal"]}},
                      {"match":{"message":{"query":"error exception failed"}}}],
                    "minimum_should_match":"1"}}]}},
                 "size":3,
                 "sort":[{"@timestamp":{"order":"asc","unmapped_type":"date","numeric_type":"date"}},{"event.id":{"order":"asc","unmapped_type":"keyword"}}],
                 "track_total_hits":false}""".formatted(from, until)));
        JsonNode second = json.readTree(searches.get(1).getBodyAsString());
        assertThat(second.get("search_after")).as("a full page: the next one follows at once, after its last hit")
                .isEqualTo(json.readTree("[%d,\"b-001\"]".formatted(T2)));

        assertThat(jdbc.queryForList("select occurrences from log_templates where service = 'checkout' order by occurrences desc",
                Long.class)).containsExactly(2L, 1L);
        assertThat(jdbc.queryForObject("select template from log_templates where occurrences = 2", String.class))
                .startsWith("Payment authorization failed for order <*>").doesNotContain("8172");
        assertThat(meters.get("aiops.log.source.checkpoint.timestamp.seconds").tag("source", "elasticsearch").gauge().value())
                .as("how far the source has read").isEqualTo(T2 / 1000.0);
        assertThat(jdbc.queryForObject("select search_after from log_source_checkpoints where source_id = 'elasticsearch'",
                String.class)).isEqualTo("[%d,\"b-001\"]".formatted(T2));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from alerts where labels_json like '%NewErrorLogTemplate%' and labels_json like '%checkout%'",
                Long.class) == 2);

        // A later poll continues from the stored checkpoint: range from its timestamp, search_after its sort values.
        clock.advance(Duration.ofMinutes(1));
        int before = ELASTICSEARCH.findAll(postRequestedFor(urlPathMatching("/.*/_search"))).size();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ELASTICSEARCH.findAll(postRequestedFor(urlPathMatching("/.*/_search"))).size() > before + 1);
        List<LoggedRequest> all = ELASTICSEARCH.findAll(postRequestedFor(urlPathMatching("/.*/_search")));
        JsonNode later = json.readTree(all.get(all.size() - 1).getBodyAsString());
        assertThat(later.at("/query/bool/filter/0/range/@timestamp/gte").asLong()).isEqualTo(T2);
        assertThat(later.at("/query/bool/filter/0/range/@timestamp/lt").asLong())
                .isEqualTo(TestClockConfig.START.plus(Duration.ofSeconds(30)).toEpochMilli());
        assertThat(later.get("search_after")).isEqualTo(json.readTree("[%d,\"b-001\"]".formatted(T2)));
        assertThat(checkpointLines()).as("nothing read twice").isEqualTo(3);
    }

    private long checkpointLines() {
        List<Long> lines = jdbc.queryForList("select lines_read from log_source_checkpoints where source_id = 'elasticsearch'", Long.class);
        return lines.isEmpty() ? 0 : lines.get(0);
    }
}
