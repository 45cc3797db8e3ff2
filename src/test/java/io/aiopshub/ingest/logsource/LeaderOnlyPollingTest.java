package io.aiopshub.ingest.logsource;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.aiopshub.support.ElasticsearchAnswers.searchAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.micrometer.core.instrument.MeterRegistry;

import io.aiopshub.AiopsHubApplication;

/**
 * Two hub instances on one host (shared database, shared cluster directory) with the same log source:
 * only the leader polls; when it stops, the other takes over and continues from the shared checkpoint,
 * so no line is read twice. The incident its lines raise is analysed by one of them, once.
 */
class LeaderOnlyPollingTest {

    final WireMockServer elasticsearch = new WireMockServer(options().dynamicPort());
    final String database = "leader-only-" + UUID.randomUUID();
    final String clusterRoot = "target/cluster-leader-only-" + UUID.randomUUID();
    final long t1 = Instant.now().minus(Duration.ofMinutes(5)).toEpochMilli();

    @BeforeEach
    void start() {
        elasticsearch.start();
        elasticsearch.stubFor(post(urlPathMatching("/.*/_search")).withRequestBody(notContaining("search_after"))
                .willReturn(searchAnswer("""
                        [{"_index":"logs-api-1","_id":"x1","_score":null,"sort":[%d,"x1"],
                          "_source":{"message":"Upstream connect error on 10.0.3.7:8080","log.level":"error","service.name":"api"}},
                         {"_index":"logs-api-1","_id":"x2","_score":null,"sort":[%d,"x2"],
                          "_source":{"message":"Upstream connect error on 10.0.3.9:8080","log.level":"error","service.name":"api"}}]"""
                        .formatted(t1, t1))));
        elasticsearch.stubFor(post(urlPathMatching("/.*/_search")).withRequestBody(containing("search_after"))
                .willReturn(searchAnswer("[]")));
    }

    @AfterEach
    void stop() {
        elasticsearch.stop();
    }

    @Test
    void onlyTheLeaderPollsAndTheOtherTakesOverFromTheCheckpoint() throws InterruptedException {
        ConfigurableApplicationContext a = startHub();
        ConfigurableApplicationContext b = startHub();
        try {
            JdbcTemplate jdbc = b.getBean(JdbcTemplate.class);
            // both instances are up from here on; give the follower a few lock intervals to (wrongly) poll
            double bothUp = polls(a) + polls(b);
            await().atMost(Duration.ofSeconds(30)).until(() -> polls(a) + polls(b) >= bothUp + 10);
            assertThat(List.of(polls(a), polls(b))).as("polls of a and b: one of them never polls").contains(0.0);
            ConfigurableApplicationContext leader = polls(a) > 0 ? a : b;
            ConfigurableApplicationContext follower = leader == a ? b : a;
            assertThat(linesRead(jdbc)).isEqualTo(2);
            // The analysis loop is leader-only too: the incident the new template raised is analysed once.
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "select count(*) from incident_analyses", Long.class) >= 1);
            Thread.sleep(3000);
            assertThat(jdbc.queryForObject("select count(*) from incident_analyses", Long.class))
                    .isEqualTo(jdbc.queryForObject("select count(*) from incidents", Long.class)).isEqualTo(1);

            leader.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> polls(follower) >= 3);
            assertThat(linesRead(jdbc)).as("the new leader continues after the checkpoint").isEqualTo(2);
            assertThat(jdbc.queryForObject("select sum(occurrences) from log_templates where service = 'api'", Long.class))
                    .isEqualTo(2);
        } finally {
            a.close();
            b.close();
        }
    }

    private ConfigurableApplicationContext startHub() {
        return new SpringApplicationBuilder(AiopsHubApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                "--aiops.security.api-tokens=test-token",
                "--aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
                "--aiops.log-sources.elasticsearch.enabled=true",
                "--aiops.log-sources.elasticsearch.hosts=localhost:" + elasticsearch.port(),
                "--aiops.log-sources.elasticsearch.period=300",
                "--aiops.log-sources.settle-delay=1s",
                "--camel.cluster.file.root=" + clusterRoot,
                "--camel.cluster.file.acquire-lock-interval=1s");
    }

    private static double polls(ConfigurableApplicationContext hub) {
        if (!hub.isActive()) {
            return 0;
        }
        var counter = hub.getBean(MeterRegistry.class).find("aiops.log.source.polls").counter();
        return counter == null ? 0 : counter.count();
    }

    private static long linesRead(JdbcTemplate jdbc) {
        List<Long> lines = jdbc.queryForList("select lines_read from log_source_checkpoints where source_id = 'elasticsearch'", Long.class);
        return lines.isEmpty() ? 0 : lines.get(0);
    }
}
