package io.aiopshub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.aiopshub.support.Payloads;
import io.aiopshub.support.RawHttp;

/**
 * The console's Routes page against the whole hub: the real routes of {@code routes/} with Camel's own
 * counters (camel-management), plus a scratch route directory the watcher reloads, where a broken edit must
 * show as invalid with the validator's message while its previous version keeps running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-routes;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=alice:alice-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.routes.reload=true",
        "aiops.routes.poll-interval=200ms"})
class ConsoleRoutesTest {

    static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("aiops-console-routes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write("greeting.yaml", greeting("console-greet", "hello"));
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("aiops.routes.directory", DIR::toString);
        registry.add("camel.main.routes-include-pattern", () -> "file:routes/*.yaml,file:" + DIR + "/*.yaml");
    }

    @LocalServerPort int port;

    @Test
    void withoutASessionThePageAndItsRowsLeadToTheLogin() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        assertThat(browser.get("/console/routes").location()).endsWith("/console/login");
        assertThat(browser.get("/console/routes/rows").location()).endsWith("/console/login");
    }

    @Test
    void theRealRoutesRunAndTheirCountersGrowWithRealTraffic() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        browser.login("alice-token");
        ConsoleSession.Page page = browser.get("/console/routes");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/console/routes\"");
        for (String id : new String[] {"ingest-alertmanager", "post-alertmanager", "console-greet"}) {
            assertThat(cell(page.body(), id, "state")).as(id).isEqualTo("Started");
        }
        assertThat(row(page.body(), "console-greet")).contains(DIR.resolve("greeting.yaml").getFileName().toString());
        long before = Long.parseLong(cell(page.body(), "ingest-alertmanager", "num completed"));

        RawHttp.Answer sent = new RawHttp(port).send("POST", "/api/v1/alerts/alertmanager",
                Map.of("Authorization", "Bearer alice-token", "Content-Type", "application/json"),
                Payloads.alertmanager("firing", Instant.now().minusSeconds(60), null,
                        Map.of("alertname", "ConsoleRoutesTraffic", "service", "ledger", "severity", "warning"), "down")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(sent.status()).isEqualTo(202);

        // The htmx refresh: the table body alone, with the counter grown by the request just made.
        ConsoleSession.Page rows = browser.get("/console/routes/rows");
        assertThat(rows.body()).startsWith("<tbody").doesNotContain("<html");
        assertThat(Long.parseLong(cell(rows.body(), "ingest-alertmanager", "num completed"))).isGreaterThanOrEqualTo(before + 1);
        assertThat(Long.parseLong(cell(rows.body(), "post-alertmanager", "num total"))).isGreaterThanOrEqualTo(1);
        assertThat(cell(rows.body(), "ingest-alertmanager", "num failed")).isEqualTo("0");
        // A rate: the average since start, or between this reading and an earlier one (another test's page view).
        assertThat(row(rows.body(), "ingest-alertmanager"))
                .containsPattern("<td class=\"num rate\"><span>\\d+\\.\\d</span>\\s*<span class=\"since\">\\((since start|last \\d+ s)\\)");
    }

    @Test
    void aBrokenRouteFileShowsAsInvalidWithTheValidatorsMessageWhileItsRoutesKeepRunning() throws Exception {
        write("broken.yaml", greeting("console-broken", "x").replace("setBody:", "setBodyy:"));
        ConsoleSession browser = new ConsoleSession(port);
        browser.login("alice-token");
        await().atMost(Duration.ofSeconds(10)).until(() -> fileRow(browser.get("/console/routes").body(), "broken.yaml")
                .contains("invalid"));
        String page = browser.get("/console/routes").body();
        assertThat(fileRow(page, "broken.yaml")).contains("state invalid").contains("setBodyy").contains("line 6")
                .containsPattern("<time datetime=\"\\d{4}-\\d\\d-\\d\\dT[^\"]+\">").contains("invalid: Unknown node id");
        assertThat(fileRow(page, "greeting.yaml")).contains(">valid<").contains("console-greet");
        assertThat(fileRow(page, "api.yaml")).contains(">valid<").contains("ingest-alertmanager");
        assertThat(row(page, "console-broken")).isEmpty();
        assertThat(page).doesNotContain("Reload is off");
    }

    private static String row(String html, String routeId) {
        Matcher row = Pattern.compile("<tr class=\"route-row\" data-route=\"" + Pattern.quote(routeId) + "\">(.*?)</tr>",
                Pattern.DOTALL).matcher(html);
        return row.find() ? row.group(1) : "";
    }

    private static String fileRow(String html, String file) {
        Matcher row = Pattern.compile("<tr class=\"route-file\" data-file=\"" + Pattern.quote(file) + "\">(.*?)</tr>",
                Pattern.DOTALL).matcher(html);
        return row.find() ? row.group(1) : "";
    }

    private static String cell(String html, String routeId, String cssClass) {
        Matcher cell = Pattern.compile("<td class=\"" + Pattern.quote(cssClass) + "\">([^<]*)</td>").matcher(row(html, routeId));
        assertThat(cell.find()).as(routeId + " " + cssClass).isTrue();
        return cell.group(1).trim();
    }

    static String greeting(String id, String reply) {
        return """
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        - setBody:
                            id: %s-reply
                            constant:
                              expression: "%s"
                """.formatted(id, id, id, reply);
    }

    static void write(String name, String text) {
        try {
            Path temp = Files.createTempFile(DIR, ".tmp", ".part");
            Files.writeString(temp, text);
            Files.move(temp, DIR.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
