package io.aiopshub.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.aiopshub.notify.NotificationMessage;
import io.aiopshub.notify.NotificationOutbox;
import io.aiopshub.support.RawHttp;
import io.aiopshub.support.TestIncidents;

/**
 * The console's operations pages over real HTTP against the whole hub on H2: notification dead letters made
 * by a real webhook receiver (WireMock) answering 500, retried from the page and then delivered; the
 * incident engine's set-aside events; log templates mined from lines sent to {@code /api/v1/logs}. Every
 * text on these pages is redacted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-operations;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=alice:alice-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.notify.poll-interval=100",
        "aiops.notify.max-attempts=1",
        "aiops.notify.breaker.minimum-number-of-calls=100",
        "aiops.notify.breaker.sliding-window-size=100"})
class ConsoleOperationsTest {

    static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort());

    static {
        RECEIVER.start();
    }

    @DynamicPropertySource
    static void receiver(DynamicPropertyRegistry registry) {
        registry.add("aiops.channels.webhook.url", () -> RECEIVER.baseUrl() + "/hook");
    }

    @AfterAll
    static void stop() {
        RECEIVER.stop();
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired NotificationOutbox outbox;

    @Test
    void aDeadLetterIsShownRedactedAndItsRetryButtonDeliversIt() throws Exception {
        RECEIVER.resetAll();
        RECEIVER.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
        long id = deadLetter("inc-console-ops-1", "Disk full on ledger password=hunter2");
        // As a row written before errors were redacted would hold it.
        jdbc.update("update notifications set last_error = last_error || ' password=hunter2' where id = ?", id);
        jdbc.update("""
                insert into inbox_dead_letters (id, source, fingerprint, status, labels_json, annotations_json, starts_at,
                                                received_at, failed_at, error)
                values (990001, 'alertmanager', 'fp-console', 'firing',
                        '{"alertname":"ConsoleUnappliable","db_password":"s3cr3t-label-value"}', '{}',
                        current_timestamp, current_timestamp, current_timestamp, 'value too long; password=hunter2')""");

        ConsoleSession browser = new ConsoleSession(port);
        browser.login("alice-token");
        ConsoleSession.Page page = browser.get("/console/notifications");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Notifications</h1>")
                .contains("href=\"/console/notifications\"").contains("href=\"/console/log-templates\"")
                .contains("action=\"/console/notifications/" + id + "/retry\"")
                .contains("href=\"/console/incidents/inc-console-ops-1\"")
                .contains("<td>webhook</td>").contains("statusCode: 500").contains("<td class=\"num\">1</td>")
                .contains("ConsoleUnappliable").contains("value too long").contains("[REDACTED:")
                .doesNotContain("hunter2").doesNotContain("s3cr3t-label-value")
                .contains("class=\"breaker-row\"").contains("<td>closed</td>");

        // A form without the CSRF token changes nothing.
        assertThat(browser.postRaw("/console/notifications/" + id + "/retry", Map.of()).status()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("DEAD");

        RECEIVER.resetAll();
        RECEIVER.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
        ConsoleSession.Page retried = browser.post("/console/notifications/" + id + "/retry", Map.of());
        assertThat(retried.location()).endsWith("/console/notifications");
        assertThat(browser.get("/console/notifications").body()).contains("Notification " + id + " queued again.");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(id)));
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from timeline_entries where incident_id = ? and actor = 'api:alice' "
                + "and detail like '%outcome=requeued%'", Long.class, "inc-console-ops-1")).isEqualTo(1);
        assertThat(browser.get("/console/notifications").body()).doesNotContain("/console/notifications/" + id + "/retry");

        // No longer a dead letter, or never one: the page says so and nothing is queued.
        ConsoleSession.Page again = browser.post("/console/notifications/" + id + "/retry", Map.of());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body()).contains("no failed notification with id " + id);
        assertThat(browser.post("/console/notifications/nope/retry", Map.of()).status()).isEqualTo(404);
        assertThat(browser.get("/console/notifications?page=-1").body()).contains("<code>page</code>");
    }

    @Test
    void theApiRetriesADeadLetterOnceAndTheChannelIsCalledAgain() throws Exception {
        RECEIVER.resetAll();
        RECEIVER.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(503)));
        long id = deadLetter("inc-console-ops-2", "Queue stuck on billing");
        int calls = RECEIVER.findAll(postRequestedFor(urlEqualTo("/hook"))).size();

        RawHttp.Answer answer = api("POST", "/api/v1/notifications/" + id + "/retry", "");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).contains("\"status\":\"queued\"").contains("\"notificationId\":" + id);
        assertThat(api("POST", "/api/v1/notifications/999999999/retry", "{}").status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DEAD".equals(status(id))
                && RECEIVER.findAll(postRequestedFor(urlEqualTo("/hook"))).size() == calls + 1);
        assertThat(jdbc.queryForObject("select attempts from notifications where id = ?", Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from timeline_entries where incident_id = ? and actor = 'api:alice' "
                + "and detail like '%outcome=requeued%'", Long.class, "inc-console-ops-2")).isEqualTo(1);

        RawHttp.Answer field = api("POST", "/api/v1/notifications/" + id + "/retry", "{\"force\":true}");
        assertThat(field.status()).isEqualTo(400);
        assertThat(field.body()).contains("\"field\":\"force\"");
        assertThat(new RawHttp(port).send("POST", "/api/v1/notifications/" + id + "/retry", Map.of(), null).status())
                .isEqualTo(401);
        assertThat(status(id)).isEqualTo("DEAD");
    }

    @Test
    void minedLogTemplatesAreListedPerServiceBusiestFirstAndRedacted() throws Exception {
        Instant now = Instant.now();
        StringBuilder lines = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            lines.append("{\"@timestamp\":\"").append(now.minusSeconds(i)).append("\",\"service\":\"console-ledger\",")
                    .append("\"level\":\"info\",\"message\":\"ledger ").append(100 + i).append(" committed in ")
                    .append(20 + i).append("ms\"},");
        }
        for (int i = 0; i < 3; i++) {
            lines.append("{\"@timestamp\":\"").append(now.minusSeconds(i)).append("\",\"service\":\"console-ledger\",")
                    .append("\"level\":\"error\",\"message\":\"upload ").append(i)
                    .append(" refused for alice@example.com with Authorization: Bearer abcdefghijklmnopqrstuvwxyzABCDEF\"},");
        }
        lines.append("{\"@timestamp\":\"").append(now).append("\",\"service\":\"console-other\",\"message\":\"other 1 started\"}]");
        assertThat(api("POST", "/api/v1/logs", lines.toString()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from log_templates where service in ('console-ledger', 'console-other')", Long.class) == 3
                && jdbc.queryForObject("select count(*) from log_template_activity where service = 'console-ledger'", Long.class) > 0);

        ConsoleSession browser = new ConsoleSession(port);
        browser.login("alice-token");
        String page = browser.get("/console/log-templates?service=console-ledger").body();
        assertThat(page).contains("<h1>Log templates</h1>").contains("ledger &lt;*&gt; committed in &lt;*&gt;")
                .contains("upload &lt;*&gt; refused for").contains("[REDACTED:")
                .doesNotContain("abcdefghijklmnopqrstuvwxyzABCDEF").doesNotContain("<td>console-other</td>")
                .contains("<option value=\"console-other\">");
        // The error template has a last-hour rate (3 lines / 60 minutes), so it comes first though it has fewer lines.
        assertThat(page.indexOf("upload &lt;*&gt;")).isLessThan(page.indexOf("ledger &lt;*&gt;"));
        assertThat(page).contains("<td class=\"num\">0.05</td>").contains("<td class=\"num\">—</td>")
                .contains("<td class=\"num\">6</td>").contains("<td class=\"num\">3</td>");
        assertThat(browser.get("/console/log-templates").body()).contains("other &lt;*&gt; started").contains("upload &lt;*&gt;");

        // Paging keeps the filter; the links are relative, so they work under a proxy's path prefix.
        assertThat(browser.get("/console/log-templates?service=console-ledger&page=1").body())
                .contains("href=\"?service=console-ledger&amp;page=0\"").contains("No log templates match.")
                .doesNotContain("rel=\"next\"");

        ConsoleSession.Page tooLong = browser.get("/console/log-templates?service=" + "s".repeat(300));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("<code>service</code>");
        assertThat(browser.get("/console/log-templates?page=x").body()).contains("<code>page</code>");
    }

    @Test
    void thePagesNeedALogin() throws Exception {
        ConsoleSession stranger = new ConsoleSession(port);
        assertThat(stranger.get("/console/notifications").location()).endsWith("/console/login");
        assertThat(stranger.get("/console/log-templates").location()).endsWith("/console/login");
        stranger.get("/console/login");
        assertThat(stranger.post("/console/notifications/1/retry", Map.of()).location()).endsWith("/console/login");
    }

    /** A notification about {@code incident} that the webhook receiver refused on its only attempt. */
    private long deadLetter(String incident, String title) {
        TestIncidents.ensure(jdbc, incident);
        NotificationMessage message = new NotificationMessage(incident, "aiops-" + incident, NotificationMessage.Kind.TRIGGER,
                "critical", title, "1 firing, 0 resolved", List.of(), 1, 0, null, null, Map.of("service", "ledger"),
                Instant.now());
        long id = outbox.enqueue(message, List.of("webhook")).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DEAD".equals(status(id)));
        return id;
    }

    private String status(long id) {
        return jdbc.queryForObject("select status from notifications where id = ?", String.class, id);
    }

    private RawHttp.Answer api(String method, String path, String body) throws Exception {
        return new RawHttp(port).send(method, path, Map.of("Authorization", "Bearer alice-token",
                "Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }
}
