package io.aiopshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.aiopshub.correlation.Correlator;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.support.RawHttp;

/**
 * The console's incident list over real HTTP against the whole hub on H2: the label and group filters (the
 * same as {@code GET /api/v1/incidents} takes) with incidents raised through the API, and the live updates:
 * a server-sent event stream, in the console's session, that says "changed" when incidents open or resolve.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-list;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=carol:carol-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.console.live.check-interval=200ms"})
class ConsoleIncidentListTest {

    static final String EVENTS = IncidentEventsController.PATH;
    static final Duration FEW_SECONDS = Duration.ofSeconds(5);

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired IncidentEngine engine;
    @Autowired Correlator correlator;
    @Autowired IncidentStreams streams;
    @Autowired ConsoleLiveProperties live;

    @Test
    void labelAndGroupFiltersPickTheRowsAndStayInTheUrl() throws Exception {
        String pay = hub().raise(named("FilterPayErrors", Map.of("service", "lf-pay", "env", "prod", "team", "a,b",
                "instance", "lf-node-1:8080")), "down", "firing");
        String web = hub().raise(named("FilterWebSlow", Map.of("service", "lf-web", "env", "prod", "instance", "lf-node-1:9100")),
                "down", "firing");
        String dev = hub().raise(named("FilterDevDown", Map.of("service", "lf-dev", "env", "dev", "instance", "lf-node-9:80")),
                "down", "firing");
        correlator.correlate();
        String group = jdbc.queryForObject("select correlation_group_id from incidents where id = ?", String.class, pay);
        assertThat(group).as("incidents on one host are correlated").isNotNull();
        ConsoleSession browser = new ConsoleSession(port);
        browser.login("carol-token");

        String prod = browser.get("/console/incidents?label=env%3Dprod").body();
        assertThat(prod).contains(row(pay), row(web)).doesNotContain(row(dev))
                // The form shows the filter again, and the rows' own URL (re-fetched live) carries it.
                .contains("<label for=\"label-1\">Label 1</label>").contains("value=\"env=prod\"")
                .contains("<label for=\"label-2\">Label 2</label>")
                .contains("/console/incidents/rows?label=env%3Dprod");
        assertThat(browser.get("/console/incidents/rows?label=env%3Dprod").body()).contains(row(pay), row(web))
                .doesNotContain(row(dev));
        assertThat(browser.get("/console/incidents?label=env%3Dprod&label=service%3Dlf-web").body())
                .contains(row(web)).doesNotContain(row(pay)).doesNotContain(row(dev));
        // One label filter whose value holds a comma is one filter, not two.
        assertThat(browser.get("/console/incidents?label=team%3Da%2Cb").body()).contains(row(pay)).doesNotContain(row(web));
        assertThat(browser.get("/console/incidents?label=env%3Dprod&severity=info").body()).doesNotContain(row(pay));
        // Empty label inputs (the form always has a spare one) are no filter.
        assertThat(browser.get("/console/incidents?label=&service=lf-dev").body()).contains(row(dev)).doesNotContain(row(pay));

        String grouped = browser.get("/console/incidents?group=" + group).body();
        assertThat(grouped).contains(row(pay), row(web)).doesNotContain(row(dev))
                .contains("id=\"group\" name=\"group\"").contains("value=\"" + group + "\"")
                .contains("/console/incidents/rows?group=" + group)
                // Each grouped row links to its group's list.
                .contains("href=\"/console/incidents?group=" + group + "\"");
        assertThat(browser.get("/console/incidents?group=" + group + "&label=service%3Dlf-pay").body())
                .contains(row(pay)).doesNotContain(row(web));
    }

    @Test
    void aWrongLabelOrGroupFilterIsNamedOnTheListNotA500() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        browser.login("carol-token");

        ConsoleSession.Page noValue = browser.get("/console/incidents?label=nonsense&service=kept");
        assertThat(noValue.status()).isEqualTo(400);
        assertThat(noValue.body()).contains("<code>label</code>: <span>&#39;nonsense&#39; is not name=value, such as label=host=db-1</span>")
                // The form is shown as typed, so the mistake can be corrected in place; no table is live.
                .contains("value=\"nonsense\"").contains("value=\"kept\"").doesNotContain("id=\"incident-rows\"");
        assertThat(browser.get("/console/incidents?label=1x%3Dy").body()).contains("<code>label</code>")
                .contains("is not a label name");
        assertThat(browser.get("/console/incidents?label=a%3D1&label=a%3D2").body()).contains("names a twice");
        ConsoleSession.Page badGroup = browser.get("/console/incidents?group=not-a-group&severity=bogus");
        assertThat(badGroup.status()).isEqualTo(400);
        assertThat(badGroup.body()).contains("<code>group</code>").contains("is not an id").contains("<code>severity</code>");
        String tooMany = "/console/incidents?" + "label=k%3Dv&".repeat(11);
        assertThat(browser.get(tooMany).body()).contains("at most 10 label filters");
        assertThat(browser.get("/console/incidents/rows?label=nonsense").status()).isEqualTo(400);
    }

    @Test
    void aLoggedInListHearsThatAnIncidentOpenedAndResolved() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        browser.login("carol-token");
        String session = browser.cookie("JSESSIONID");

        try (EventStream stream = EventStream.open(port, EVENTS, Map.of("Cookie", "JSESSIONID=" + session))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("X-Accel-Buffering")).isEqualTo("no");
            assertThat(stream.header("Cache-Control")).contains("no-store");
            assertThat(stream.header("Set-Cookie")).as("the stream keeps the session as it is").isNull();
            assertThat(stream.awaitLine(":open", FEW_SECONDS)).isTrue();

            hub().raise(named("LiveCheckoutDown", Map.of("service", "live-checkout", "severity", "critical")), "down", "firing");
            assertThat(stream.awaitLine("event:changed", FEW_SECONDS)).as("an event after the incident opened").isTrue();
            assertThat(stream.awaitLine("data:incidents", FEW_SECONDS)).isTrue();

            hub().raise(named("LiveCheckoutDown", Map.of("service", "live-checkout", "severity", "critical")), "down", "resolved");
            assertThat(stream.awaitLine("event:changed", FEW_SECONDS)).as("an event after it resolved").isTrue();
        }
        assertThat(browser.get("/console/incidents").body()).contains("LiveCheckoutDown")
                .contains("data-live-events=\"/console/incidents/events\"");
    }

    @Test
    void withoutASessionThereIsNoStreamAndFragmentsAnswer401() throws Exception {
        for (Map<String, String> headers : java.util.List.of(Map.<String, String>of(), Map.of("Cookie", "JSESSIONID=guess"))) {
            try (EventStream stream = EventStream.open(port, EVENTS, headers)) {
                assertThat(stream.status()).as(headers.toString()).isEqualTo(401);
                assertThat(String.valueOf(stream.header("Content-Type"))).as(headers.toString()).doesNotContain("text/event-stream");
                // Nothing is remembered for after a login: no session is opened for a refused stream.
                assertThat(stream.header("Set-Cookie")).as(headers.toString()).isNull();
                assertThat(stream.awaitEnd(FEW_SECONDS)).isTrue();
            }
        }
        // An htmx fragment request without a session: 401 (the page reloads into the login form), no login page
        // swapped into the table; the page itself still redirects to the login form.
        RawHttp.Answer rows = new RawHttp(port).send("GET", "/console/incidents/rows", Map.of("HX-Request", "true"), null);
        assertThat(rows.status()).isEqualTo(401);
        assertThat(new ConsoleSession(port).get("/console/incidents").location()).endsWith("/console/login");

        ConsoleSession browser = new ConsoleSession(port);
        browser.login("carol-token");
        String session = browser.cookie("JSESSIONID");
        browser.get("/console/incidents");
        assertThat(browser.post("/console/logout", Map.of()).location()).endsWith("/console/login?logout");
        try (EventStream stream = EventStream.open(port, EVENTS, Map.of("Cookie", "JSESSIONID=" + session))) {
            assertThat(stream.status()).as("a logged-out session").isEqualTo(401);
        }
    }

    @Test
    void streamsAreBoundedTimeOutAndLeaveWhenTheirClientGoes() throws Exception {
        int maxStreams = live.getMaxStreams();
        Duration heartbeat = live.getHeartbeat();
        Duration timeout = live.getStreamTimeout();
        ConsoleSession browser = new ConsoleSession(port);
        browser.login("carol-token");
        Map<String, String> cookie = Map.of("Cookie", "JSESSIONID=" + browser.cookie("JSESSIONID"));
        try {
            live.setMaxStreams(2);
            live.setHeartbeat(Duration.ofMillis(200));
            try (EventStream first = EventStream.open(port, EVENTS, cookie);
                 EventStream second = EventStream.open(port, EVENTS, cookie)) {
                assertThat(first.awaitLine(":open", FEW_SECONDS)).isTrue();
                assertThat(second.awaitLine(":open", FEW_SECONDS)).isTrue();
                try (EventStream refused = EventStream.open(port, EVENTS, cookie)) {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.header("Retry-After")).isNotBlank();
                }
                assertThat(second.awaitLine(":heartbeat", FEW_SECONDS)).as("a quiet stream hears a heartbeat").isTrue();

                first.close();
                awaitOpenStreams(1);
                try (EventStream again = EventStream.open(port, EVENTS, cookie)) {
                    assertThat(again.status()).as("a gone client's place is free again").isEqualTo(200);
                }
            }
            awaitOpenStreams(0);

            live.setStreamTimeout(Duration.ofSeconds(1));
            try (EventStream shortLived = EventStream.open(port, EVENTS, cookie)) {
                assertThat(shortLived.status()).isEqualTo(200);
                assertThat(shortLived.awaitLine("retry:" + live.getReconnectDelay().toMillis(), FEW_SECONDS)).isTrue();
                assertThat(shortLived.awaitEnd(FEW_SECONDS)).as("the server ends a stream at its timeout").isTrue();
                assertThat(shortLived.completed()).isTrue();
            }
            awaitOpenStreams(0);

            // Logged out elsewhere while the stream is open: it still ends properly at its timeout (the end is
            // not authorised again), and the browser's reconnect is refused.
            browser.get("/console/incidents");
            try (EventStream loggedOut = EventStream.open(port, EVENTS, cookie)) {
                assertThat(loggedOut.awaitLine(":open", FEW_SECONDS)).isTrue();
                assertThat(browser.post("/console/logout", Map.of()).location()).endsWith("/console/login?logout");
                assertThat(loggedOut.awaitEnd(FEW_SECONDS)).isTrue();
                assertThat(loggedOut.completed()).as("ended with the last chunk").isTrue();
            }
            try (EventStream reconnect = EventStream.open(port, EVENTS, cookie)) {
                assertThat(reconnect.status()).isEqualTo(401);
            }
            awaitOpenStreams(0);
        } finally {
            live.setMaxStreams(maxStreams);
            live.setHeartbeat(heartbeat);
            live.setStreamTimeout(timeout);
        }
    }

    private void awaitOpenStreams(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + FEW_SECONDS.toNanos();
        while (streams.openStreams() != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(streams.openStreams()).isEqualTo(expected);
    }

    private static String row(String incident) {
        return "/console/incidents/" + incident + "\"";
    }

    private ConsoleHub hub() {
        return new ConsoleHub(port, "carol-token", engine, jdbc);
    }

    private static Map<String, String> named(String alertname, Map<String, String> labels) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put("alertname", alertname);
        return all;
    }
}
