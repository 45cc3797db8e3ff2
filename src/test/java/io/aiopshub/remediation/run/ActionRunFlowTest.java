package io.aiopshub.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.support.Payloads;

/**
 * The hub end to end with its real remediation parts: the analysis loop, the runner's routes, the
 * remediation policy (src/test/resources/remediation/policy.yaml: bob approves, alice does not) and the
 * SSH executor against an in-process SSH server running the commands in a working directory. Driven
 * through the REST API; the incident engine is applied by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:action-run-flow;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=alice:alice-token,bob:bob-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.llm.catalog-file=src/test/resources/remediation/catalog.yaml",
        "aiops.llm.analyst-rules-file=src/test/resources/remediation/analyst-rules.yaml",
        "aiops.llm.analysis-interval=300",
        "aiops.remediation.policy-file=src/test/resources/remediation/policy.yaml",
        "aiops.remediation.launch-interval=300ms",
        "aiops.remediation.verify-interval=300ms",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml,file:routes/analysis.yaml,"
                + "file:routes/remediation.yaml,file:routes/remediation-executor-ssh.yaml"})
class ActionRunFlowTest {

    static final SshTarget HOST = new SshTarget();
    /** Prometheus' HTTP API, for verify.promql: a third-party service, so a fake answering in its shapes. */
    static final WireMockServer PROMETHEUS = new WireMockServer(options().dynamicPort());

    static {
        PROMETHEUS.start();
        PROMETHEUS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/query")).willReturn(okJson(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")));
        PROMETHEUS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/query")).withQueryParam("query", equalTo("cache_warm{service=\"web11\"} == 1"))
                .willReturn(okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                        + "[{\"metric\":{\"service\":\"web11\"},\"value\":[1767225600,\"1\"]}]}}")));
    }

    @DynamicPropertySource
    static void ssh(DynamicPropertyRegistry registry) {
        HOST.settings().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("aiops.prometheus.enabled", () -> "true");
        registry.add("aiops.prometheus.base-url", PROMETHEUS::baseUrl);
    }

    @AfterAll
    static void stop() throws IOException {
        HOST.close();
        PROMETHEUS.stop();
    }

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired IncidentEngine engine;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anAlertsSuggestedActionIsProposedWithADryRunApprovedRunOverSshVerifiedAndSucceeds() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        Map<String, String> down = Map.of("alertname", "ApiDown", "service", "nginx", "severity", "critical",
                "instance", "127.0.0.1:9100");
        String incident = incidentOf(down, start);

        // The analysis loop explains the incident (rule service-down-ssh) and proposes its suggestion.
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/actions?incident=" + incident).at("/total").asInt() == 1);
        String id = get("/api/v1/actions?incident=" + incident).at("/items/0/id").asText();
        awaitState(id, "awaiting_approval");
        JsonNode proposed = get("/api/v1/actions/" + id);
        assertThat(proposed.at("/run/actionId").asText()).isEqualTo("restart_service_ssh");
        assertThat(proposed.at("/run/proposerKind").asText()).isEqualTo("rule");
        assertThat(proposed.at("/run/proposedBy").asText()).isEqualTo("rule:service-down-ssh");
        assertThat(proposed.at("/run/parameters").toString()).isEqualTo("{\"host\":\"127.0.0.1\",\"service\":\"nginx\"}");
        assertThat(proposed.at("/dryRun/succeeded").asBoolean()).isTrue();
        assertThat(proposed.at("/dryRun/text").asText()).contains("touch 'nginx'.restarted").contains("SHA256:");
        assertThat(HOST.ran("restarted")).as("a dry run runs nothing").isZero();

        ResponseEntity<String> notAnApprover = call("alice", HttpMethod.POST, "/api/v1/actions/" + id + "/approve", null);
        assertProblem(notAnApprover, 403, "approver");
        assertThat(call("bob", HttpMethod.POST, "/api/v1/actions/" + id + "/approve", "{\"comment\": \"go\"}")
                .getStatusCode().value()).isEqualTo(200);
        awaitState(id, "verifying");
        assertThat(HOST.work.resolve("nginx.restarted")).exists();
        assertThat(HOST.ran("touch 'nginx'.restarted")).isOne();

        Thread.sleep(1000);
        assertThat(state(id)).as("not verified while the alert fires").isEqualTo("verifying");
        assertThat(get("/api/v1/actions/" + id).at("/verifyResult").asText())
                .contains("alerts_resolved: does not hold (1 of 1 alerts still firing)");
        post("/api/v1/alerts/alertmanager", Payloads.alertmanager("resolved", start, Instant.now(), down, "down"));
        apply();
        awaitState(id, "succeeded");

        JsonNode detail = get("/api/v1/actions/" + id);
        assertThat(detail.at("/verifyResult").asText()).isEqualTo("verified: alerts_resolved: holds (all 1 alerts resolved)");
        assertThat(detail.at("/decisions/0/decidedBy").asText()).isEqualTo("bob");
        assertThat(detail.at("/decisions/0/comment").asText()).isEqualTo("go");
        assertThat(kinds(detail.at("/timeline"))).containsExactly("action_proposed", "action_awaiting_approval",
                "action_decision_refused", "action_approved", "action_running", "action_prepared", "action_verifying",
                "action_succeeded");
        assertThat(kinds(get("/api/v1/incidents/" + incident).at("/timeline"))).containsSubsequence("analysis",
                "action_proposed", "action_awaiting_approval", "action_approved", "action_running", "action_verifying",
                "action_succeeded");
        assertThat(HOST.ran("touch 'nginx'.restarted")).as("run once").isOne();
        assertThat(get("/api/v1/actions?incident=" + incident).at("/total").asInt()).as("proposed once").isOne();
    }

    @Test
    void aFailedVerifyRollsBackOverSsh() throws Exception {
        Files.writeString(HOST.work.resolve("web2.new"), "listen 80;");
        String id = proposeAndApprove("deploy_config_ssh", "web2");

        awaitState(id, "rolled_back");
        assertThat(HOST.work.resolve("web2.conf")).as("installed, then removed by the rollback").doesNotExist();
        assertThat(HOST.ran("cp 'web2'.new 'web2'.conf")).isOne();
        assertThat(HOST.ran("rm -f 'web2'.conf")).isOne();
        JsonNode detail = get("/api/v1/actions/" + id);
        assertThat(detail.at("/verifyResult").asText()).contains("verify failed").contains("check: does not hold");
        assertThat(detail.at("/run/stateReason").asText()).contains("rolled back");
        assertThat(kinds(detail.at("/timeline"))).endsWith("action_verifying", "action_verify_failed", "action_rolled_back");
    }

    @Test
    void aPromqlVerifySucceedsWhenTheQueryReturnsASeriesAndFailsWhenItNeverDoes() throws Exception {
        String warmed = proposeAndApprove("warm_cache_ssh", "web11");
        String cold = proposeAndApprove("warm_cache_ssh", "web12");

        awaitState(warmed, "succeeded");
        assertThat(get("/api/v1/actions/" + warmed).at("/verifyResult").asText()).isEqualTo("verified: promql: holds (1 series)");
        awaitState(cold, "failed");
        assertThat(get("/api/v1/actions/" + cold).at("/run/stateReason").asText())
                .contains("promql: does not hold (no series for cache_warm{service=\"web12\"} == 1)")
                .contains("the catalog declares no rollback");
        assertThat(PROMETHEUS.findAll(getRequestedFor(urlPathEqualTo("/api/v1/query"))
                .withQueryParam("query", equalTo("cache_warm{service=\"web11\"} == 1")))).isNotEmpty();
    }

    @Test
    void aRollbackThatFailsLeavesTheRunFailedSayingSo() throws Exception {
        String id = proposeAndApprove("change_without_backup_ssh", "web3");

        awaitState(id, "failed");
        assertThat(get("/api/v1/actions/" + id).at("/run/stateReason").asText()).contains("verify failed").contains("rollback failed");
        assertThat(get("/api/v1/actions/" + id).at("/rollbackOutput").asText()).isNotBlank();
    }

    @Test
    void aCommandThatFailsFailsTheRunAndNothingIsVerified() throws Exception {
        String id = proposeAndApprove("failing_command_ssh", "web4");

        awaitState(id, "failed");
        assertThat(get("/api/v1/actions/" + id).at("/run/stateReason").asText()).startsWith("execution failed: ");
        assertThat(kinds(get("/api/v1/actions/" + id).at("/timeline"))).doesNotContain("action_verifying");
    }

    @Test
    void anUnreachableHostsDryRunIsShownFailedAndDoesNotBlockApproval() throws Exception {
        JsonNode run = json.readTree(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"127.0.0.2\", \"service\": \"web5\"}}").getBody());
        assertThat(run.at("/dryRun/succeeded").asBoolean()).isFalse();
        assertThat(run.at("/run/stateReason").asText()).startsWith("dry run FAILED");
        assertThat(run.at("/run/state").asText()).isEqualTo("awaiting_approval");
    }

    @Test
    void anActionOfAnAutoRunRuleRunsWithoutAPersonAfterItsDryRun() throws Exception {
        Files.writeString(HOST.work.resolve("web6.new"), "listen 80;");
        String incident = incidentOf(Map.of("alertname", "LabConfigDrift", "service", "web6", "severity", "warning"),
                Instant.now().minusSeconds(30));
        JsonNode run = json.readTree(call("alice", HttpMethod.POST, "/api/v1/actions", """
                {"actionId": "deploy_config_ssh", "parameters": {"host": "127.0.0.1", "service": "web6"}, "incidentId": "%s"}"""
                .formatted(incident)).getBody());
        String id = run.at("/run/id").asText();
        assertThat(run.at("/run/state").asText()).isIn("approved", "running", "verifying");

        awaitState(id, "rolled_back");
        JsonNode timeline = get("/api/v1/actions/" + id).at("/timeline");
        assertThat(kinds(timeline)).startsWith("action_proposed", "action_approved");
        assertThat(timeline.get(1).path("actor").asText()).isEqualTo("policy");
        assertThat(get("/api/v1/actions/" + id).at("/decisions").size()).isZero();
    }

    @Test
    void aRetriedProposalAnswersWithTheRunOfTheFirst() throws Exception {
        String body = "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"127.0.0.1\", \"service\": \"web7\"}}";
        ResponseEntity<String> first = call("alice", HttpMethod.POST, "/api/v1/actions", body, "Idempotency-Key", "ticket-4711");
        ResponseEntity<String> retry = call("alice", HttpMethod.POST, "/api/v1/actions", body, "Idempotency-Key", "ticket-4711");
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getStatusCode().value()).isEqualTo(200);
        String id = json.readTree(first.getBody()).at("/run/id").asText();
        assertThat(first.getHeaders().getLocation()).hasToString("/api/v1/actions/" + id);
        assertThat(json.readTree(retry.getBody()).at("/run/id").asText()).isEqualTo(id);
        assertThat(kinds(get("/api/v1/actions/" + id).at("/timeline"))).as("one dry run")
                .containsExactly("action_proposed", "action_awaiting_approval");
        assertProblem(call("alice", HttpMethod.POST, "/api/v1/actions", body.replace("web7", "web8"), "Idempotency-Key", "ticket-4711"),
                409, "idempotencyKey");

        ResponseEntity<String> bob = call("bob", HttpMethod.POST, "/api/v1/actions", body, "Idempotency-Key", "ticket-4711");
        assertThat(bob.getStatusCode().value()).as("keys are per caller").isEqualTo(201);
    }

    @Test
    void badProposalsAndDecisionsAreProblemsNamingTheFieldAndChangeNothing() throws Exception {
        long runs = count();
        assertProblem(call("alice", HttpMethod.POST, "/api/v1/actions", "{\"actionId\": \"format_disk\"}"), 400, "actionId");
        assertProblem(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"web-01;reboot\", \"service\": \"nginx\"}}"),
                400, "parameters.host");
        assertProblem(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"web-01\"}}"), 400, "parameters.service");
        assertProblem(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"web-01\", \"service\": \"nginx\"}, "
                        + "\"incidentId\": \"0a0a0a0a-0000-0000-0000-000000000000\"}"), 400, "incidentId");
        assertProblem(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"web-01\", \"service\": \"nginx\"}, "
                        + "\"proposedBy\": \"mallory\"}"), 400, "proposedBy");
        assertProblem(call("alice", HttpMethod.POST, "/api/v1/actions", "{\"actionId\": \"restart_service_ssh\", \"parameters\": []}"),
                400, "parameters");
        assertProblem(call("alice", HttpMethod.GET, "/api/v1/actions?state=running-ish", null), 400, "state");
        assertProblem(call("alice", HttpMethod.GET, "/api/v1/actions?incident=42", null), 400, "incident");
        assertProblem(call("alice", HttpMethod.GET, "/api/v1/actions/0a0a0a0a-0000-0000-0000-000000000000", null), 404, "id");
        assertProblem(call("bob", HttpMethod.POST, "/api/v1/actions/0a0a0a0a-0000-0000-0000-000000000000/approve", null), 404, "id");
        assertThat(count()).isEqualTo(runs);

        String id = json.readTree(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"127.0.0.1\", \"service\": \"web9\"}}").getBody())
                .at("/run/id").asText();
        assertProblem(call("bob", HttpMethod.POST, "/api/v1/actions/" + id + "/approve", "{\"approver\": \"bob\"}"), 400, "approver");
        ResponseEntity<String> refused = call("alice", HttpMethod.POST, "/api/v1/actions/" + id + "/approve", null);
        assertProblem(refused, 403, "approver");
        assertThat(state(id)).isEqualTo("awaiting_approval");
        assertThat(kinds(get("/api/v1/actions/" + id).at("/timeline"))).endsWith("action_decision_refused");

        assertThat(call("bob", HttpMethod.POST, "/api/v1/actions/" + id + "/reject", "{\"comment\": \"not during the sale\"}")
                .getStatusCode().value()).isEqualTo(200);
        assertProblem(call("bob", HttpMethod.POST, "/api/v1/actions/" + id + "/approve", "{}"), 409, "state");
        assertProblem(call("bob", HttpMethod.POST, "/api/v1/actions/" + id + "/cancel", "{}"), 409, "state");
        assertThat(call("bob", HttpMethod.POST, "/api/v1/actions/" + id + "/reject", "{}").getStatusCode().value())
                .as("a repeated rejection is answered, not doubled").isEqualTo(200);
        assertThat(get("/api/v1/actions/" + id).at("/decisions").size()).isOne();
        assertThat(state(id)).isEqualTo("rejected");
        assertThat(HOST.ran("web9")).as("nothing ran").isZero();
    }

    @Test
    void theDeciderIsTheTokensNameWhateverTheRequestSays() throws Exception {
        String id = json.readTree(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"127.0.0.1\", \"service\": \"web10\"}}").getBody())
                .at("/run/id").asText();
        // Neither a header named like Camel's servlet request header nor one naming someone else changes who decides.
        ResponseEntity<String> cancelled = call("alice", HttpMethod.POST, "/api/v1/actions/" + id + "/cancel", "{}",
                "CamelHttpServletRequest", "bob", "X-Forwarded-User", "bob");
        assertThat(cancelled.getStatusCode().value()).as(cancelled.getBody()).isEqualTo(200);
        assertThat(jdbc.queryForList("select decided_by from action_run_decisions where run_id = ?", String.class, id))
                .containsExactly("alice");
        assertThat(call(null, HttpMethod.POST, "/api/v1/actions/" + id + "/cancel", "{}").getStatusCode().value()).isEqualTo(401);
    }

    private String proposeAndApprove(String action, String service) throws Exception {
        String body = "{\"actionId\": \"%s\", \"parameters\": {\"host\": \"127.0.0.1\", \"service\": \"%s\"}}".formatted(action, service);
        ResponseEntity<String> proposed = call("alice", HttpMethod.POST, "/api/v1/actions", body);
        assertThat(proposed.getStatusCode().value()).as(proposed.getBody()).isEqualTo(201);
        String id = json.readTree(proposed.getBody()).at("/run/id").asText();
        ResponseEntity<String> approved = call("bob", HttpMethod.POST, "/api/v1/actions/" + id + "/approve", null);
        assertThat(approved.getStatusCode().value()).as(approved.getBody()).isEqualTo(200);
        return id;
    }

    private void awaitState(String id, String expected) {
        // The whole run is the message when it does not get there.
        await().atMost(Duration.ofSeconds(30)).until(() -> state(id) + " " + get("/api/v1/actions/" + id),
                s -> s.startsWith(expected + " "));
    }

    private String incidentOf(Map<String, String> labels, Instant start) {
        post("/api/v1/alerts/alertmanager", Payloads.alertmanager("firing", start, null, labels, "down"));
        apply();
        return jdbc.queryForObject("select incident_id from alerts where alertname = ? and status = 'firing'", String.class,
                labels.get("alertname"));
    }

    private void apply() {
        while (engine.applyInbox() > 0) {
            // drain
        }
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from action_runs", Long.class);
    }

    private String state(String id) throws Exception {
        return get("/api/v1/actions/" + id).at("/run/state").asText();
    }

    private JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = call("alice", HttpMethod.GET, path, null);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    private void post(String path, String body) {
        assertThat(call("alice", HttpMethod.POST, path, body).getStatusCode().value()).isEqualTo(202);
    }

    static List<String> kinds(JsonNode timeline) {
        List<String> kinds = new ArrayList<>();
        timeline.forEach(entry -> kinds.add(entry.path("kind").asText()));
        return kinds;
    }

    private void assertProblem(ResponseEntity<String> response, int status, String field) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(json.readTree(response.getBody()).path("field").asText()).as(response.getBody()).isEqualTo(field);
    }

    private ResponseEntity<String> call(String token, HttpMethod method, String path, String body, String... headerPairs) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token + "-token");
        }
        headers.setContentType(MediaType.APPLICATION_JSON);
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        return http.exchange(URI.create(http.getRootUri() + path), method, new HttpEntity<>(body, headers), String.class);
    }
}
