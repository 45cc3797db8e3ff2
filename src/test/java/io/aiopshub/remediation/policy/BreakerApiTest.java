package io.aiopshub.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
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

import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.RemediationGuard;
import io.aiopshub.remediation.RunFacts;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.support.MutableClock;
import io.aiopshub.support.TestClockConfig;

/**
 * The breaker endpoints over HTTP with real tokens: who reset a breaker is the name of the token the request
 * was authenticated with, whatever the request says. Same context as {@link H2RemediationGuardTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:remediation-policy;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=" + H2RemediationGuardTest.TOKENS,
        "aiops.routing.file=src/test/resources/test-alert-routing.yaml",
        "aiops.remediation.policy-file=src/test/resources/test-remediation.yaml",
        "aiops.remediation.policy-reload=false",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
@Import(TestClockConfig.class)
class BreakerApiTest {

    static final String RESET_WEB_01 = "/api/v1/actions/breakers/restart_service/web-01/reset";

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired RemediationGuard guard;
    @Autowired ActionCatalog catalog;
    @Autowired MutableClock clock;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void cleanState() {
        RemediationGuardContract.clean(jdbc);
        clock.set(TestClockConfig.START);
    }

    @AfterEach
    void leaveNothingBehind() {
        RemediationGuardContract.clean(jdbc);
    }

    @Test
    void withoutAValidTokenNothingIsListedOrReset() {
        open("restart_service", "web-01", Map.of("host", "web-01"));
        assertThat(call(HttpMethod.POST, RESET_WEB_01, null, null).getStatusCode().value()).isEqualTo(401);
        assertThat(call(HttpMethod.POST, RESET_WEB_01, "not-a-token", null).getStatusCode().value()).isEqualTo(401);
        assertThat(call(HttpMethod.GET, "/api/v1/actions/breakers", null, null).getStatusCode().value()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from remediation_breaker_resets", Integer.class)).isZero();
    }

    @Test
    void aResetIsRecordedUnderTheNameOfTheTokenNotOfAnythingTheClientSays() throws Exception {
        open("restart_service", "web-01", Map.of("host", "web-01"));
        JsonNode listed = body(call(HttpMethod.GET, "/api/v1/actions/breakers", H2RemediationGuardTest.BOB_TOKEN, null));
        assertThat(listed.path("breakers")).hasSize(1);
        assertThat(listed.path("breakers").get(0).path("target").asText()).isEqualTo("web-01");

        HttpHeaders spoof = new HttpHeaders();
        spoof.add("X-Remote-User", "mallory");
        spoof.add("X-Forwarded-User", "mallory");
        spoof.add("io.aiopshub.api.security.ApiCaller.name", "mallory");
        spoof.add("aiopsApiCaller", "mallory");
        ResponseEntity<String> reset = call(HttpMethod.POST, RESET_WEB_01, H2RemediationGuardTest.ALICE_TOKEN, null, spoof);
        assertThat(reset.getStatusCode().value()).isEqualTo(200);
        JsonNode result = body(reset);
        assertThat(result.path("resetBy").asText()).isEqualTo("alice");
        assertThat(result.path("wasOpen").asBoolean()).isTrue();
        assertThat(jdbc.queryForList("select reset_by from remediation_breaker_resets", String.class)).containsExactly("alice");
        assertThat(jdbc.queryForList("select actor from timeline_entries where kind = ?", String.class, BreakerNotice.RESET))
                .containsExactly("alice");

        assertThat(body(call(HttpMethod.GET, "/api/v1/actions/breakers", H2RemediationGuardTest.ALICE_TOKEN, null))
                .path("breakers")).isEmpty();
        ActionDefinition restart = catalog.get("restart_service").orElseThrow();
        assertThat(guard.mayPropose(restart, facts(restart, "any", "web-01", Map.of("host", "web-01"))).allowed()).isTrue();
    }

    @Test
    void aTargetWithASlashIsResetWithTheTargetInTheBody() throws Exception {
        open("proxmox_vm_start", "pve-01/104", Map.of("node", "pve-01", "vmid", 104));
        ResponseEntity<String> reset = call(HttpMethod.POST, "/api/v1/actions/breakers/proxmox_vm_start/reset",
                H2RemediationGuardTest.BOB_TOKEN, "{\"target\": \"pve-01/104\"}");
        assertThat(reset.getStatusCode().value()).isEqualTo(200);
        assertThat(body(reset).path("resetBy").asText()).isEqualTo("bob");
        assertThat(jdbc.queryForList("select target from remediation_breaker_resets", String.class)).containsExactly("pve-01/104");
    }

    @Test
    void badRequestsNameTheFieldAndChangeNothing() throws Exception {
        String alice = H2RemediationGuardTest.ALICE_TOKEN;
        assertProblem(call(HttpMethod.POST, "/api/v1/actions/breakers/no_such_action/web-01/reset", alice, null), "action");
        assertProblem(call(HttpMethod.POST, RESET_WEB_01, alice, "{\"resetBy\": \"mallory\"}"), "resetBy");
        String body = "/api/v1/actions/breakers/restart_service/reset";
        assertProblem(call(HttpMethod.POST, body, alice, "{}"), "target");
        assertProblem(call(HttpMethod.POST, body, alice, "{\"target\": \"\"}"), "target");
        assertProblem(call(HttpMethod.POST, body, alice, "{\"target\": \"" + "x".repeat(513) + "\"}"), "target");
        assertProblem(call(HttpMethod.POST, body, alice, "{\"target\": \"web-01\", \"by\": \"mallory\"}"), "by");
        assertThat(jdbc.queryForObject("select count(*) from remediation_breaker_resets", Integer.class)).isZero();
    }

    /** Opens the breaker of (action, target) as three ineffective ends would. */
    private void open(String actionId, String target, Map<String, Object> parameters) {
        ActionDefinition action = catalog.get(actionId).orElseThrow();
        jdbc.update("""
                insert into incidents (id, group_key, group_key_hash, route_id, status, severity, title,
                                       group_labels_json, created_at, updated_at)
                values (?, 'k', 'h', 'default', 'firing', 'high', 't', '{}', current_timestamp, current_timestamp)""",
                RemediationGuardContract.INCIDENT);
        String last = null;
        for (int i = 3; i >= 1; i--) {
            last = "00000000-0000-0000-0000-00000000000" + i;
            Timestamp ended = Timestamp.from(clock.instant().minus(Duration.ofHours(i)));
            jdbc.update("""
                    insert into action_runs (id, incident_id, action_id, executor, risk, target, parameters_json, proposed_by,
                                             proposer_kind, idempotency_key, state, created_at, updated_at, started_at, finished_at)
                    values (?, ?, ?, 'ssh', 'low', ?, '{}', 'analysis', 'analysis', ?, 'failed', ?, ?, ?, ?)""",
                    last, RemediationGuardContract.INCIDENT, actionId, target, last, ended, ended, ended, ended);
        }
        guard.afterRunEnded(action, facts(action, last, target, parameters), ActionRunState.FAILED);
        assertThat(guard.mayPropose(action, facts(action, "next", target, parameters)).allowed()).isFalse();
    }

    private static RunFacts facts(ActionDefinition action, String runId, String target, Map<String, Object> parameters) {
        return new RunFacts(runId, RemediationGuardContract.INCIDENT, action.id(), action.risk(), target, "analysis", Map.of(),
                parameters);
    }

    private void assertProblem(ResponseEntity<String> response, String field) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        assertThat(json.readTree(response.getBody()).path("field").asText()).isEqualTo(field);
    }

    private JsonNode body(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token, String body) {
        return call(method, path, token, body, new HttpHeaders());
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token, String body, HttpHeaders headers) {
        if (token != null) {
            headers.setBearerAuth(token);
        }
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
