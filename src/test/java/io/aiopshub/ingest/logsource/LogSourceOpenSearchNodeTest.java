package io.aiopshub.ingest.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.aiopshub.AiopsHubApplication;

/**
 * The shipped OpenSearch log source against a real OpenSearch 2.19 node: realistic ECS log documents in
 * logs-* and filebeat-* indices (one with date_nanos timestamps) are read (errors only), mined into
 * templates and incidents; the hub is
 * stopped, more lines are indexed (one with the same timestamp as the last line read, so only the
 * tiebreak separates it), and a restarted hub reads exactly the new lines from the stored checkpoint.
 */
class LogSourceOpenSearchNodeTest {

    static OpenSearchRunner openSearch;
    static int httpPort;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Instant BASE = Instant.now().minus(Duration.ofMinutes(20));

    @BeforeAll
    static void startNode() throws Exception {
        httpPort = freePort();
        Path home = Files.createTempDirectory("aiops-opensearch");
        openSearch = new OpenSearchRunner();
        openSearch.onBuild((number, settings) -> {
            settings.put("discovery.type", "single-node");
            settings.put("http.port", httpPort);
            settings.put("transport.port", freePortUnchecked());
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        }).build(OpenSearchRunner.newConfigs().basePath(home.toString()).numOfNode(1).clusterName("aiops-test")
                .disableESLogger());
        openSearch.ensureYellow();
        put("/logs-checkout-2026.11.24", """
                {"settings":{"number_of_shards":2,"number_of_replicas":0},
                 "mappings":{"properties":{"@timestamp":{"type":"date"},"message":{"type":"text"},
                   "log":{"properties":{"level":{"type":"keyword"}}},
                   "service":{"properties":{"name":{"type":"keyword"}}},
                   "host":{"properties":{"name":{"type":"keyword"}}}}}}""");
        // Filebeat's index with nanosecond timestamps: sort values must still come back in milliseconds.
        put("/filebeat-8.15.0-2026.11.24", """
                {"settings":{"number_of_shards":1,"number_of_replicas":0},
                 "mappings":{"properties":{"@timestamp":{"type":"date_nanos"}}}}""");
    }

    @AfterAll
    static void stopNode() throws IOException {
        if (openSearch != null) {
            openSearch.close();
            openSearch.clean();
        }
    }

    @Test
    void readsEachErrorLineOnceAcrossARestart() throws Exception {
        bulk(List.of(
                doc("logs-checkout-2026.11.24", "a1", 0, "checkout", "error", "Payment authorization failed for order 81723: upstream timeout after 5000ms"),
                doc("logs-checkout-2026.11.24", "a2", 0, "checkout", "error", "Payment authorization failed for order 81724: upstream timeout after 5012ms"),
                doc("logs-checkout-2026.11.24", "a3", 1, "checkout", "info", "GET /api/cart 200 12ms"),
                doc("logs-checkout-2026.11.24", "a4", 2, "checkout", "error", "Payment authorization failed for order 81790: upstream timeout after 5003ms"),
                // no level: an error by its wording
                docWithoutLevel("filebeat-8.15.0-2026.11.24", "b1", 3, "billing", "Invoice 5521 rendering failed: java.io.IOException: No space left on device"),
                doc("filebeat-8.15.0-2026.11.24", "b2", 4, "billing", "ERROR", "Connection to db-primary.internal:5432 refused")));

        ConfigurableApplicationContext first = startHub();
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> linesRead(jdbc) == 5);
            assertThat(occurrences(jdbc, "checkout")).isEqualTo(3);
            assertThat(occurrences(jdbc, "billing")).isEqualTo(2);
            assertThat(jdbc.queryForObject("select count(*) from log_templates where service = 'checkout'", Long.class))
                    .as("the three payment failures are one template").isEqualTo(1);
            assertThat(jdbc.queryForObject("select search_after from log_source_checkpoints where source_id = 'opensearch'",
                    String.class)).isEqualTo("[" + BASE.plusSeconds(4 * 60).toEpochMilli() + ",\"b2\"]");
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "select count(*) from alerts where labels_json like '%NewErrorLogTemplate%'", Long.class) == 3);
        } finally {
            first.close();
        }

        bulk(List.of(
                // same timestamp as the last line read; only the tiebreak (_id) puts it after the checkpoint
                doc("filebeat-8.15.0-2026.11.24", "b3", 4, "billing", "error", "Connection to db-primary.internal:5432 refused"),
                doc("logs-checkout-2026.11.24", "a5", 5, "checkout", "error", "Payment authorization failed for order 81801: upstream timeout after 5020ms"),
                doc("logs-checkout-2026.11.24", "a6", 6, "checkout", "fatal", "OutOfMemoryError: Java heap space in thread pool-3-thread-7")));

        ConfigurableApplicationContext restarted = startHub();
        JdbcTemplate again = restarted.getBean(JdbcTemplate.class);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> linesRead(again) == 8);
            Thread.sleep(1500);
            assertThat(linesRead(again)).as("later polls find nothing new").isEqualTo(8);
            assertThat(occurrences(again, "checkout")).as("each line counted once across the restart").isEqualTo(5);
            assertThat(occurrences(again, "billing")).isEqualTo(3);
            assertThat(again.queryForObject("select count(*) from log_templates where service = 'checkout'", Long.class))
                    .isEqualTo(2);
        } finally {
            restarted.close();
        }
    }

    private static ConfigurableApplicationContext startHub() {
        return new SpringApplicationBuilder(AiopsHubApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:opensearch-log-source;DB_CLOSE_DELAY=-1",
                "--aiops.security.api-tokens=test-token",
                "--aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
                "--aiops.log-sources.opensearch.enabled=true",
                "--aiops.log-sources.opensearch.hosts=localhost:" + httpPort,
                "--aiops.log-sources.opensearch.period=300",
                "--aiops.log-sources.lookback=1h",
                "--aiops.log-sources.settle-delay=5s",
                "--aiops.log-sources.page-size=2",
                "--camel.cluster.file.root=target/cluster-opensearch-node-test",
                "--camel.cluster.file.acquire-lock-interval=1s");
    }

    private static long linesRead(JdbcTemplate jdbc) {
        List<Long> lines = jdbc.queryForList("select lines_read from log_source_checkpoints where source_id = 'opensearch'", Long.class);
        return lines.isEmpty() ? 0 : lines.get(0);
    }

    private static long occurrences(JdbcTemplate jdbc, String service) {
        return jdbc.queryForObject("select coalesce(sum(occurrences), 0) from log_templates where service = ?", Long.class, service);
    }

    private static String doc(String index, String id, int minute, String service, String level, String message) {
        return action(index, id) + "{\"@timestamp\":\"" + BASE.plusSeconds(minute * 60L) + "\",\"message\":\"" + message
                + "\",\"log\":{\"level\":\"" + level + "\"},\"service\":{\"name\":\"" + service + "\"},\"host\":{\"name\":\"web-1\"}}\n";
    }

    private static String docWithoutLevel(String index, String id, int minute, String service, String message) {
        return action(index, id) + "{\"@timestamp\":\"" + BASE.plusSeconds(minute * 60L) + "\",\"message\":\"" + message
                + "\",\"service\":{\"name\":\"" + service + "\"}}\n";
    }

    private static String action(String index, String id) {
        return "{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n";
    }

    private static void bulk(List<String> docs) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/_bulk?refresh=true"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(String.join("", docs))));
        assertThat(response.body()).contains("\"errors\":false");
    }

    private static void put(String path, String body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int freePortUnchecked() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
