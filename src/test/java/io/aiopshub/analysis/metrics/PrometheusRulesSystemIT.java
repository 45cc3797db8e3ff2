package io.aiopshub.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.sun.net.httpserver.HttpServer;

import io.aiopshub.AiopsHubApplication;

/**
 * System test with a real Prometheus (Debian's package, installed by .ci/run): an exporter whose value
 * the test controls, Prometheus scraping it every second, and the hub evaluating a rule against that
 * Prometheus. High value: an incident opens; low value: it resolves.
 */
class PrometheusRulesSystemIT {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @TempDir
    Path dir;

    private final AtomicReference<String> value = new AtomicReference<>("1");
    private HttpServer exporter;
    private Process prometheus;
    private ConfigurableApplicationContext hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (prometheus != null) {
            prometheus.destroy();
        }
        if (exporter != null) {
            exporter.stop(0);
        }
    }

    @Test
    void ruleFiresAndResolvesThroughTheHub() throws Exception {
        assertThat(PROMETHEUS).as("Prometheus must be installed (apt-get install -y prometheus), see .ci/run").isExecutable();
        exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exporter.createContext("/metrics", exchange -> {
            byte[] body = ("# TYPE aiops_test_queue_length gauge\naiops_test_queue_length{queue=\"orders\"} " + value.get() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        exporter.start();

        int port = freePort();
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: exporter
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(exporter.getAddress().getPort()));
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get(base + "/-/ready") == 200);

        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("system.yml"), """
                groups:
                  - name: system
                    interval: 1s
                    rules:
                      - alert: OrdersQueueTooLong
                        expr: aiops_test_queue_length > 50
                        for: 2s
                        labels:
                          severity: critical
                        annotations:
                          summary: "queue {{ $labels.queue }} holds {{ $value }}"
                """);
        hub = new SpringApplicationBuilder(AiopsHubApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:prometheus-system;DB_CLOSE_DELAY=-1",
                "--aiops.security.api-tokens=system-token",
                "--aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
                "--aiops.prometheus.enabled=true",
                "--aiops.prometheus.base-url=" + base,
                "--aiops.prometheus.rules-dir=" + rules,
                "--spring.jmx.enabled=false");
        JdbcTemplate db = hub.getBean(JdbcTemplate.class);

        value.set("120");
        await().atMost(Duration.ofSeconds(60)).until(() -> db.queryForObject(
                "select count(*) from incidents where status = 'firing'", Long.class) == 1);
        assertThat(db.queryForObject("select title from incidents", String.class))
                .isEqualTo("OrdersQueueTooLong: queue orders holds 120");

        value.set("3");
        await().atMost(Duration.ofSeconds(60)).until(() -> db.queryForObject(
                "select count(*) from incidents where status = 'resolved'", Long.class) == 1);
    }

    private static int get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
