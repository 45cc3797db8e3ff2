package io.aiopshub.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.remediation.RemediationGuard;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorResult;
import io.aiopshub.support.Payloads;

/**
 * The runner's routes in a running hub, driven through the REST API: propose with a dry run, approve,
 * launch, execute, verify, roll back; and what the API refuses. The SSH executor is a stand-in route
 * ({@link StandInSshExecutor}) that records what it was asked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:action-run-flow;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=alice:alice-token,bob:bob-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.llm.catalog-file=src/test/resources/remediation/catalog.yaml",
        "aiops.llm.analyst-rules-file=src/test/resources/remediation/analyst-rules.yaml",
        "aiops.remediation.launch-interval=300ms",
        "aiops.remediation.verify-interval=300ms",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml,file:routes/remediation.yaml"})
@Import(StandInSshExecutor.class)
class ActionRunFlowTest {

    static final Map<String, String> API_DOWN = Map.of("alertname", "ApiDown", "service", "nginx", "severity", "critical",
            "instance", "web-01:9100");

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired IncidentEngine engine;
    @Autowired StandInSshExecutor.Calls executor;
    @Autowired ScriptedGuard guard;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void reset() {
        executor.requests.clear();
        executor.answer = StandInSshExecutor.Calls::succeed;
        guard.refusedApprovers.clear();
        guard.autoRun = false;
        guard.propose = RemediationGuard.Verdict.allow();
    }

    @Test
    void aProposalGetsItsDryRunIsApprovedRunsAndIsVerifiedWhenTheAlertResolves() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        String incident = incidentOf(start);

        ResponseEntity<String> proposed = call("alice", HttpMethod.POST, "/api/v1/actions", """
                {"actionId": "restart_service_ssh", "parameters": {"host": "web-01", "service": "nginx"},
                 "incidentId": "%s", "reason": "nginx answers 502"}""".formatted(incident));
        assertThat(proposed.getStatusCode().value()).isEqualTo(201);
        JsonNode run = json.readTree(proposed.getBody());
        String id = run.at("/run/id").asText();
        assertThat(proposed.getHeaders().getLocation()).hasToString("/api/v1/actions/" + id);
        assertThat(run.at("/run/state").asText()).isEqualTo("awaiting_approval");
        assertThat(run.at("/run/proposedBy").asText()).isEqualTo("alice");
        assertThat(run.at("/run/proposerKind").asText()).isEqualTo("person");
        assertThat(run.at("/run/target").asText()).isEqualTo("web-01");
        assertThat(run.at("/dryRun/succeeded").asBoolean()).isTrue();
        assertThat(run.at("/dryRun/text").asText()).contains("would run on web-01: sudo systemctl restart {service}")
                .contains("host key SHA256:test");
        assertThat(executor.phases(id)).containsExactly(ExecutorPhase.DRY_RUN);

        ResponseEntity<String> approved = call("bob", HttpMethod.POST, "/api/v1/actions/" + id + "/approve",
                "{\"comment\": \"go\"}");
        assertThat(approved.getStatusCode().value()).isEqualTo(200);
        awaitState(id, "verifying");
        assertThat(executor.phases(id)).containsExactly(ExecutorPhase.DRY_RUN, ExecutorPhase.PREPARE, ExecutorPhase.EXECUTE);
        assertThat(executor.requests.get(2).state()).as("EXECUTE gets what PREPARE kept")
                .containsEntry("backup", "backup-" + id);

        // Not verified while the alert fires; verified once it resolves.
        Thread.sleep(1000);
        assertThat(state(id)).isEqualTo("verifying");
        assertThat(get("/api/v1/actions/" + id).at("/verifyResult").asText()).contains("alerts_resolved: does not hold (1 of 1 alerts still firing)");
        post("/api/v1/alerts/alertmanager", Payloads.alertmanager("resolved", start, Instant.now(), API_DOWN, "down"));
        apply();
        awaitState(id, "succeeded");

        JsonNode detail = get("/api/v1/actions/" + id);
        assertThat(detail.at("/output").asText()).contains("EXECUTE done").contains("exit 0");
        assertThat(detail.at("/verifyResult").asText()).isEqualTo("verified: alerts_resolved: holds (all 1 alerts resolved)");
        assertThat(detail.at("/decisions/0/decidedBy").asText()).isEqualTo("bob");
        assertThat(detail.at("/decisions/0/comment").asText()).isEqualTo("go");
        assertThat(kinds(detail.at("/timeline"))).containsExactly("action_proposed", "action_awaiting_approval",
                "action_approved", "action_running", "action_prepared", "action_verifying", "action_succeeded");
        assertThat(kinds(get("/api/v1/incidents/" + incident).at("/timeline"))).containsSubsequence("action_proposed",
                "action_awaiting_approval", "action_approved", "action_running", "action_verifying", "action_succeeded");
        assertThat(guard.ended).contains(id + ":succeeded");
        assertThat(get("/api/v1/actions?incident=" + incident + "&state=succeeded").at("/total").asInt()).isOne();
    }

    @Test
    void aFailedVerifyRollsBackWithWhatPrepareKept() throws Exception {
        executor.answer = request -> request.phase() == ExecutorPhase.CHECK
                ? ExecutorResult.failure("check-health nginx: exit 1", "unhealthy")
                : StandInSshExecutor.Calls.succeed(request);
        String id = proposeAndApprove("deploy_config_ssh", null);

        awaitState(id, "rolled_back");
        List<ExecutorPhase> phases = executor.phases(id);
        assertThat(phases).startsWith(ExecutorPhase.DRY_RUN, ExecutorPhase.PREPARE, ExecutorPhase.EXECUTE, ExecutorPhase.CHECK)
                .endsWith(ExecutorPhase.ROLLBACK).containsOnlyOnce(ExecutorPhase.ROLLBACK);
        assertThat(executor.requests.stream().filter(r -> r.phase() == ExecutorPhase.ROLLBACK).findFirst().orElseThrow().state())
                .containsEntry("backup", "backup-" + id);
        JsonNode detail = get("/api/v1/actions/" + id);
        assertThat(detail.at("/verifyResult").asText()).contains("verify failed").contains("check: does not hold (check-health nginx: exit 1)");
        assertThat(detail.at("/rollbackOutput").asText()).contains("ROLLBACK done");
        assertThat(detail.at("/run/stateReason").asText()).contains("rolled back: ROLLBACK done");
        assertThat(kinds(detail.at("/timeline"))).endsWith("action_verifying", "action_verify_failed", "action_rolled_back");
    }

    @Test
    void aRollbackThatFailsLeavesTheRunFailedSayingSo() throws Exception {
        executor.answer = request -> switch (request.phase()) {
            case CHECK -> ExecutorResult.failure("unhealthy", "");
            case ROLLBACK -> ExecutorResult.failure("restore-config: no backup", "");
            default -> StandInSshExecutor.Calls.succeed(request);
        };
        String id = proposeAndApprove("deploy_config_ssh", null);

        awaitState(id, "failed");
        assertThat(get("/api/v1/actions/" + id).at("/run/stateReason").asText()).contains("rollback failed: restore-config: no backup");
    }

    @Test
    void aFailedExecutionFailsTheRunAndAnExecutorExceptionIsAFailureToo() throws Exception {
        executor.answer = request -> request.phase() == ExecutorPhase.EXECUTE
                ? ExecutorResult.failure("sudo: a password is required", "") : StandInSshExecutor.Calls.succeed(request);
        String failed = proposeAndApprove("restart_service_ssh", null);
        awaitState(failed, "failed");
        assertThat(get("/api/v1/actions/" + failed).at("/run/stateReason").asText())
                .isEqualTo("execution failed: sudo: a password is required");

        executor.answer = request -> {
            if (request.phase() == ExecutorPhase.PREPARE) {
                throw new IllegalStateException("connection reset");
            }
            return StandInSshExecutor.Calls.succeed(request);
        };
        String thrown = proposeAndApprove("restart_service_ssh", "web-02");
        awaitState(thrown, "failed");
        assertThat(get("/api/v1/actions/" + thrown).at("/run/stateReason").asText())
                .contains("prepare failed, nothing was executed").contains("connection reset");
        assertThat(executor.phases(thrown)).doesNotContain(ExecutorPhase.EXECUTE);
    }

    @Test
    void aFailedDryRunIsShownAndDoesNotBlockApproval() throws Exception {
        executor.answer = request -> request.phase() == ExecutorPhase.DRY_RUN
                ? ExecutorResult.failure("host key of web-01 is unknown", "") : StandInSshExecutor.Calls.succeed(request);
        JsonNode run = json.readTree(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"web-01\", \"service\": \"nginx\"}}").getBody());
        assertThat(run.at("/dryRun/succeeded").asBoolean()).isFalse();
        assertThat(run.at("/dryRun/text").asText()).contains("host key of web-01 is unknown");
        assertThat(run.at("/run/stateReason").asText()).startsWith("dry run FAILED");
        assertThat(run.at("/run/state").asText()).isEqualTo("awaiting_approval");
    }

    @Test
    void theAutoRunRuleOfThePolicyApprovesWithoutAPersonOnlyAfterASuccessfulDryRun() throws Exception {
        guard.autoRun = true;
        JsonNode run = json.readTree(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"web-03\", \"service\": \"nginx\"}}").getBody());
        String id = run.at("/run/id").asText();
        awaitState(id, "verifying");
        JsonNode timeline = get("/api/v1/actions/" + id).at("/timeline");
        assertThat(kinds(timeline)).startsWith("action_proposed", "action_approved");
        assertThat(timeline.get(1).path("actor").asText()).isEqualTo("policy");

        executor.answer = request -> request.phase() == ExecutorPhase.DRY_RUN
                ? ExecutorResult.failure("unreachable", "") : StandInSshExecutor.Calls.succeed(request);
        JsonNode failedDryRun = json.readTree(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"web-04\", \"service\": \"nginx\"}}").getBody());
        assertThat(failedDryRun.at("/run/state").asText()).isEqualTo("awaiting_approval");
    }

    @Test
    void aRetriedProposalAnswersWithTheRunOfTheFirst() throws Exception {
        String body = "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"web-05\", \"service\": \"nginx\"}}";
        ResponseEntity<String> first = call("alice", HttpMethod.POST, "/api/v1/actions", body, "Idempotency-Key", "ticket-4711");
        ResponseEntity<String> retry = call("alice", HttpMethod.POST, "/api/v1/actions", body, "Idempotency-Key", "ticket-4711");
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getStatusCode().value()).isEqualTo(200);
        String id = json.readTree(first.getBody()).at("/run/id").asText();
        assertThat(json.readTree(retry.getBody()).at("/run/id").asText()).isEqualTo(id);
        assertThat(executor.phases(id)).as("one dry run").containsExactly(ExecutorPhase.DRY_RUN);

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
        guard.propose = RemediationGuard.Verdict.deny("the effectiveness breaker of restart_service_ssh on web-01 is open");
        assertProblem(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"web-01\", \"service\": \"nginx\"}}"), 409, "actionId");
        guard.propose = RemediationGuard.Verdict.allow();
        assertThat(count()).isEqualTo(runs);

        String id = json.readTree(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"web-06\", \"service\": \"nginx\"}}").getBody())
                .at("/run/id").asText();
        assertProblem(call("bob", HttpMethod.POST, "/api/v1/actions/" + id + "/approve", "{\"approver\": \"bob\"}"), 400, "approver");
        guard.refusedApprovers.put("alice", "alice may not approve medium actions");
        ResponseEntity<String> refused = call("alice", HttpMethod.POST, "/api/v1/actions/" + id + "/approve", null);
        assertProblem(refused, 403, "approver");
        assertThat(refused.getBody()).contains("alice may not approve medium actions");
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
    }

    @Test
    void theDeciderIsTheTokensNameWhateverTheRequestSays() throws Exception {
        String id = json.readTree(call("alice", HttpMethod.POST, "/api/v1/actions",
                "{\"actionId\": \"restart_service_ssh\", \"parameters\": {\"host\": \"web-07\", \"service\": \"nginx\"}}").getBody())
                .at("/run/id").asText();
        // A client header named like the one that carries the servlet request is dropped on the way in.
        ResponseEntity<String> cancelled = call("bob", HttpMethod.POST, "/api/v1/actions/" + id + "/cancel", "{}",
                "CamelHttpServletRequest", "alice");
        assertThat(cancelled.getStatusCode().value()).as(cancelled.getBody()).isEqualTo(200);
        assertThat(jdbc.queryForList("select decided_by from action_run_decisions where run_id = ?", String.class, id))
                .containsExactly("bob");
        assertThat(get("/api/v1/actions/" + id).at("/timeline/2/actor").asText()).isEqualTo("bob");
        assertThat(call(null, HttpMethod.POST, "/api/v1/actions/" + id + "/cancel", "{}").getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void anApprovedRunThePolicyKeepsWaitingCanBeCancelledBeforeItStarts() throws Exception {
        guard.launch = new RemediationGuard.LaunchVerdict(RemediationGuard.LaunchVerdict.Kind.WAIT, "3 runs already running");
        try {
            String id = proposeAndApprove("restart_service_ssh", "web-08");
            Thread.sleep(1000);
            assertThat(state(id)).as("the policy keeps it waiting").isEqualTo("approved");
            assertThat(call("alice", HttpMethod.POST, "/api/v1/actions/" + id + "/cancel", "{\"comment\": \"fixed by hand\"}")
                    .getStatusCode().value()).isEqualTo(200);
            assertThat(state(id)).isEqualTo("cancelled");
            assertThat(executor.phases(id)).containsExactly(ExecutorPhase.DRY_RUN);
        } finally {
            guard.launch = new RemediationGuard.LaunchVerdict(RemediationGuard.LaunchVerdict.Kind.GO, null);
        }
    }

    private String proposeAndApprove(String action, String host) throws Exception {
        String body = "{\"actionId\": \"%s\", \"parameters\": {\"host\": \"%s\", \"service\": \"nginx\"}}"
                .formatted(action, host == null ? "web-" + System.nanoTime() % 100000 : host);
        String id = json.readTree(call("alice", HttpMethod.POST, "/api/v1/actions", body).getBody()).at("/run/id").asText();
        assertThat(call("bob", HttpMethod.POST, "/api/v1/actions/" + id + "/approve", null).getStatusCode().value()).isEqualTo(200);
        return id;
    }

    private void awaitState(String id, String expected) {
        // The whole run is the message when it does not get there.
        await().atMost(Duration.ofSeconds(20)).until(() -> state(id) + " " + get("/api/v1/actions/" + id),
                s -> s.startsWith(expected + " "));
    }

    private String incidentOf(Instant start) {
        post("/api/v1/alerts/alertmanager", Payloads.alertmanager("firing", start, null, API_DOWN, "down"));
        apply();
        return jdbc.queryForObject("select incident_id from alerts where alertname = 'ApiDown' and status = 'firing'", String.class);
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

    private static List<String> kinds(JsonNode timeline) {
        List<String> kinds = new java.util.ArrayList<>();
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
