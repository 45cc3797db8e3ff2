package io.aiopshub.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.aiopshub.AiopsHubApplication;
import io.aiopshub.support.Payloads;

/**
 * A 202 means stored: the hub is stopped right after accepting alerts, started again on the same
 * database file, and everything accepted becomes incidents, each notified exactly once, across
 * yet another restart and re-deliveries.
 */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void acceptedEventsSurviveARestartAndAreNotifiedExactlyOnce() throws Exception {
        String[] services = {"api", "web", "db"};
        // The first run accepts alerts and stops before applying any: its engine loop is not loaded (a timer
        // 1 s after start is too soon to rely on when the machine is busy).
        try (ConfigurableApplicationContext first = start(
                "--camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml")) {
            for (String service : services) {
                assertThat(post(first, alert(service)).statusCode()).isEqualTo(202);
            }
            assertThat(jdbc(first).queryForObject("select count(*) from alert_inbox", Long.class)).isEqualTo(3);
        }

        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate db = jdbc(second);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(db.queryForObject("select count(*) from incidents", Long.class)).isEqualTo(3);
                assertThat(db.queryForObject(
                        "select count(*) from notifications where kind = 'TRIGGER' and status = 'SENT'", Long.class))
                        .isEqualTo(3);
            });
        }

        try (ConfigurableApplicationContext third = start()) {
            JdbcTemplate db = jdbc(third);
            for (String service : services) {
                assertThat(post(third, alert(service)).statusCode()).isEqualTo(202);
            }
            // Several group_interval cycles (2 s) pass with the alerts re-sent: still one notification each.
            await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(db.queryForObject("select count(*) from alert_inbox", Long.class)).isZero());
            assertThat(db.queryForObject("select count(*) from incidents", Long.class)).isEqualTo(3);
            assertThat(db.queryForObject("select count(*) from notifications", Long.class)).isEqualTo(3);
        }
    }

    private ConfigurableApplicationContext start(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("hub") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--aiops.security.api-tokens=restart-token",
                "--aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
                "--aiops.notify.poll-interval=200",
                "--aiops.ingest.resolve-timeout=1h",
                "--spring.jmx.enabled=false"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(AiopsHubApplication.class).run(args.toArray(String[]::new));
    }

    private static String alert(String service) {
        return Payloads.alertmanager("firing", Instant.parse("2026-01-01T00:00:00Z"), null,
                Map.of("alertname", "Down", "service", service, "severity", "warning"), service + " down");
    }

    private static JdbcTemplate jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class);
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext context, String body) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/alerts/alertmanager"))
                .header("Authorization", "Bearer restart-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
