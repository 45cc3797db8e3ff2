package io.aiopshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import io.aiopshub.console.oidc.ConsoleOidc;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.ActionRunStore;
import io.aiopshub.support.RawHttp;

/**
 * The console over real HTTP against the whole hub on H2: login with an API token, CSRF on every form,
 * the pages with real incidents, approvals through the remediation policy
 * (src/test/resources/remediation/policy.yaml: bob approves, alice does not) and silences from an incident.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=alice:alice-token,bob:bob-token",
        "aiops.security.metrics-tokens=prom:scrape-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.llm.catalog-file=src/test/resources/remediation/catalog.yaml",
        "aiops.remediation.policy-file=src/test/resources/remediation/policy.yaml"})
class ConsoleTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired IncidentEngine engine;
    @Autowired ActionRunStore runs;
    @Autowired ApplicationContext context;

    @Test
    void aWrongTokenOrAMetricsTokenDoesNotOpenASession() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        assertThat(browser.get("/console/incidents").location()).endsWith("/console/login");
        for (String token : List.of("guess", "scrape-token", "")) {
            ConsoleSession.Page answer = browser.login(token);
            assertThat(answer.location()).as(token).endsWith("/console/login?error");
            assertThat(browser.get("/console/incidents").location()).as(token).endsWith("/console/login");
        }
        assertThat(browser.get("/console/login?error").body()).contains("not an API token");
    }

    @Test
    void theRightTokenOpensASessionUnderANewIdAndLogoutEndsIt() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        browser.get("/console/login");
        String before = browser.cookie("JSESSIONID");
        ConsoleSession.Page login = browser.post("/console/login", Map.of("token", "alice-token"));
        assertThat(login.location()).endsWith("/console/incidents");
        assertThat(browser.cookie("JSESSIONID")).isNotNull().isNotEqualTo(before);
        ConsoleSession.Page incidents = browser.get("/console/incidents");
        assertThat(incidents.status()).isEqualTo(200);
        assertThat(incidents.body()).contains("Signed in as <strong>alice</strong>").doesNotContain("alice-token");

        assertThat(browser.post("/console/logout", Map.of()).location()).endsWith("/console/login?logout");
        assertThat(browser.get("/console/incidents").location()).endsWith("/console/login");
    }

    @Test
    void withoutAnOpenIdIssuerTheLoginPageOffersOnlyTheTokenAndNoOAuth2PartExists() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        String login = browser.get("/console/login").body();
        assertThat(login).contains("name=\"token\"").doesNotContain("Sign in with").doesNotContain("oauth2");
        // No provider to send anyone to: the path is just another console page that needs a login.
        assertThat(browser.get("/console/oauth2/authorization/oidc").location()).endsWith("/console/login");
        assertThat(context.getBeanNamesForType(ConsoleOidc.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ClientRegistrationRepository.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OAuth2AuthorizedClientService.class)).isEmpty();
    }

    @Test
    void theSessionCookieIsHttpOnlySecureAndSameSite() throws Exception {
        RawHttp raw = new RawHttp(port);
        RawHttp.Answer page = raw.send("GET", "/console/login", Map.of(), null);
        String setCookie = page.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertThat(setCookie).contains("JSESSIONID=").contains("HttpOnly").contains("Secure").contains("SameSite=Strict");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        browser.get("/console/login");
        assertThat(browser.postRaw("/console/login", Map.of("token", "alice-token")).status()).isEqualTo(403);
        browser.login("alice-token");
        long silences = count("silences");
        assertThat(browser.postRaw("/console/silences", Map.of("matcher", "service=x", "hours", "1", "comment", "c"))
                .status()).isEqualTo(403);
        assertThat(count("silences")).isEqualTo(silences);
    }

    @Test
    void theApiStaysStatelessAndTokenOnly() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        browser.login("alice-token");
        // A console session opens no API path: the API takes bearer tokens only.
        assertThat(browser.get("/api/v1/incidents").status()).isEqualTo(401);
        RawHttp.Answer api = new RawHttp(port).send("GET", "/api/v1/incidents", Map.of("Authorization", "Bearer alice-token"), null);
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.headers().keySet().stream().map(String::toLowerCase)).doesNotContain("set-cookie");
    }

    @Test
    void thePagesShowRealIncidentsAndAnIncidentsPageItsAlertsAndTimeline() throws Exception {
        String incident = hub().raise(Map.of("alertname", "ConsoleDiskFull", "service", "ledger", "severity", "critical"), "down");
        ConsoleSession browser = new ConsoleSession(port);
        browser.login("alice-token");

        String list = browser.get("/console/incidents?status=firing&severity=critical&service=ledger").body();
        assertThat(list).contains("/console/incidents/" + incident).contains("ConsoleDiskFull");
        assertThat(browser.get("/console/incidents?severity=info").body()).doesNotContain(incident);
        String rows = browser.get("/console/incidents/rows?service=ledger").body();
        assertThat(rows).startsWith("<tbody").contains(incident).doesNotContain("<html");
        assertThat(browser.get("/console/incidents?severity=bogus").status()).isEqualTo(400);
        assertThat(browser.get("/console/incidents?severity=bogus").body()).contains("<code>severity</code>");

        ConsoleSession.Page page = browser.get("/console/incidents/" + incident);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("ConsoleDiskFull").contains("service=ledger").contains("Timeline")
                .contains("value=\"service=ledger\"");
        assertThat(browser.get("/console/incidents/not-an-incident").status()).isIn(400, 404);
        assertThat(browser.get("/console/approvals").status()).isEqualTo(200);
        assertThat(browser.get("/console/silences").status()).isEqualTo(200);
        assertThat(browser.get("/console/webjars/" + ConsoleAdvice.HTMX).status()).isEqualTo(200);
        assertThat(browser.get("/console/assets/console.css").status()).isEqualTo(200);
    }

    @Test
    void aSilenceIsCreatedFromAnIncidentsLabelsAndExpired() throws Exception {
        String incident = hub().raise(Map.of("alertname", "ConsoleQueueStuck", "service", "billing", "severity", "warning"), "down");
        ConsoleSession browser = new ConsoleSession(port);
        browser.login("alice-token");
        browser.get("/console/incidents/" + incident);

        // Bad input: the page names the field and nothing is stored.
        long before = count("silences");
        ConsoleSession.Page noComment = browser.post("/console/silences", Map.of("matcher", "service=billing", "hours", "2", "comment", " "));
        assertThat(noComment.status()).isEqualTo(400);
        assertThat(noComment.body()).contains("<code>comment</code>");
        assertThat(browser.post("/console/silences", Map.of("matcher", "service=billing", "hours", "0", "comment", "x"))
                .body()).contains("<code>hours</code>");
        assertThat(count("silences")).isEqualTo(before);

        ConsoleSession.Page created = browser.post("/console/silences",
                Map.of("matcher", "service=billing", "hours", "2", "comment", "deploying billing"));
        assertThat(created.location()).endsWith("/console/silences");
        Map<String, Object> row = jdbc.queryForMap("select * from silences where comment = 'deploying billing'");
        assertThat(row.get("CREATED_BY")).isEqualTo("alice");
        assertThat(row.get("MATCHERS_JSON").toString()).contains("\"name\":\"service\"").contains("\"value\":\"billing\"");
        String listed = browser.get("/console/silences").body();
        assertThat(listed).contains("deploying billing").contains("Silence " + row.get("ID") + " created.");

        assertThat(browser.post("/console/silences/" + row.get("ID") + "/expire", Map.of()).location()).endsWith("/console/silences");
        assertThat(jdbc.queryForObject("select expired_at from silences where id = ?", java.sql.Timestamp.class, row.get("ID"))).isNotNull();
    }

    @Test
    void anApprovalFromTheConsoleLandsOnTheRunAsTheLoggedInPersonAndThePolicyRefusesOthers() throws Exception {
        String incident = hub().raise(Map.of("alertname", "ConsoleNginxDown", "service", "nginx", "severity", "critical"), "down");
        ActionRun run = hub().awaitingApproval(runs, incident, "console-test");

        ConsoleSession alice = new ConsoleSession(port);
        alice.login("alice-token");
        assertThat(alice.get("/console/approvals").body()).contains("/console/approvals/" + run.id() + "/approve");
        ConsoleSession.Page refused = alice.post("/console/approvals/" + run.id() + "/approve", Map.of("comment", "me"));
        assertThat(refused.location()).endsWith("/console/approvals");
        assertThat(alice.get("/console/approvals").body()).contains("may not approve this run");
        assertThat(runs.find(run.id()).orElseThrow().state()).isEqualTo(ActionRunState.AWAITING_APPROVAL);

        ConsoleSession bob = new ConsoleSession(port);
        bob.login("bob-token");
        bob.get("/console/approvals");
        bob.post("/console/approvals/" + run.id() + "/approve", Map.of("comment", "go ahead"));
        assertThat(bob.get("/console/approvals").body()).contains("Approved.");
        assertThat(runs.decisions(run.id())).singleElement().satisfies(d -> {
            assertThat(d.decidedBy()).isEqualTo("api:bob");
            assertThat(d.channel()).isEqualTo("console");
            assertThat(d.comment()).isEqualTo("go ahead");
        });
        assertThat(runs.find(run.id()).orElseThrow().state()).isNotEqualTo(ActionRunState.AWAITING_APPROVAL);

        ActionRun second = hub().awaitingApproval(runs, incident, "console-test");
        bob.get("/console/approvals");
        bob.post("/console/approvals/" + second.id() + "/reject", Map.of("comment", "not now"));
        assertThat(runs.find(second.id()).orElseThrow().state()).isEqualTo(ActionRunState.REJECTED);
        assertThat(bob.get("/console/incidents/" + incident).body()).contains("restart_service_ssh");
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private ConsoleHub hub() {
        return new ConsoleHub(port, "alice-token", engine, jdbc);
    }
}
