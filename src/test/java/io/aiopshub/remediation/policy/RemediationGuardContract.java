package io.aiopshub.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.aiopshub.incident.SilenceService;
import io.aiopshub.incident.SilenceService.MatcherView;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.RemediationGuard;
import io.aiopshub.remediation.RemediationGuard.LaunchVerdict;
import io.aiopshub.remediation.RunFacts;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.support.MutableClock;
import io.aiopshub.support.TestClockConfig;

/**
 * The guard as the action runner meets it, on a real database: limits and the breaker count rows of
 * {@code action_runs} (inserted here as the runner writes them), silences come from the real
 * SilenceService, notices go to the real timeline and outbox. Runs on H2 and PostgreSQL (subclasses).
 */
abstract class RemediationGuardContract {

    static final String INCIDENT = "11111111-1111-1111-1111-111111111111";
    static final Map<String, String> INCIDENT_LABELS = Map.of("alertname", "HighCPU", "service", "api");

    @Autowired RemediationGuard guard;
    @Autowired EffectivenessBreaker breaker;
    @Autowired SilenceService silences;
    @Autowired ActionCatalog catalog;
    @Autowired RemediationPolicyProperties properties;
    @Autowired JdbcTemplate jdbc;
    @Autowired MutableClock clock;

    ActionDefinition restart;
    int runs;

    @BeforeEach
    void cleanState() {
        clean(jdbc);
        clock.set(TestClockConfig.START);
        restart = catalog.get("restart_service").orElseThrow();
        // Routed to database-team, whose only channel is email: one notification per notice.
        jdbc.update("""
                insert into incidents (id, group_key, group_key_hash, route_id, status, severity, title,
                                       group_labels_json, created_at, updated_at)
                values (?, 'k', 'h', 'database-team', 'firing', 'high', 'HighCPU on api',
                        '{"alertname":"HighCPU","service":"api"}', current_timestamp, current_timestamp)""", INCIDENT);
    }

    /** Also after: the PostgreSQL database is shared with other test classes, whose clean-up knows no action_runs. */
    @AfterEach
    void leaveNothingBehind() {
        clean(jdbc);
    }

    static void clean(JdbcTemplate jdbc) {
        for (String table : List.of("action_run_decisions", "action_runs", "remediation_breaker_trips",
                "remediation_breaker_resets", "timeline_entries", "notifications", "alerts", "silences", "incidents")) {
            jdbc.update("delete from " + table);
        }
    }

    // --- kill switch and limits ---

    @Test
    void theKillSwitchRefusesEveryLaunch() {
        assertThat(guard.mayLaunch(restart, facts("web-01")).kind()).isEqualTo(LaunchVerdict.Kind.GO);
        properties.setEnabled(false);
        try {
            assertThat(guard.mayLaunch(restart, facts("web-01")))
                    .isEqualTo(new LaunchVerdict(LaunchVerdict.Kind.REFUSE, "remediation is switched off (aiops.remediation.enabled=false)"));
        } finally {
            properties.setEnabled(true);
        }
    }

    @Test
    void overTheConcurrencyLimitARunWaits() {
        Instant started = clock.instant().minus(Duration.ofMinutes(5));
        insertRun("restart_service", "a", "running", started, null);
        insertRun("restart_service", "b", "verifying", started, null);
        String third = insertRun("cleanup_disk", "c", "running", started, null);
        insertRun("restart_service", "d", "succeeded", started, clock.instant());

        LaunchVerdict verdict = guard.mayLaunch(restart, facts("e"));
        assertThat(verdict.kind()).isEqualTo(LaunchVerdict.Kind.WAIT);
        assertThat(verdict.reason()).isEqualTo("3 runs are running or verifying (limits.max_concurrent_runs: 3)");

        jdbc.update("update action_runs set state = 'failed', finished_at = ? where id = ?", ts(clock.instant()), third);
        assertThat(guard.mayLaunch(restart, facts("e")).kind()).isEqualTo(LaunchVerdict.Kind.GO);
    }

    @Test
    void aTargetTakesAtMostThreeRunsAnHourWhateverTheAction() {
        Instant now = clock.instant();
        insertRun("restart_service", "web-01", "succeeded", now.minus(Duration.ofMinutes(50)), now.minus(Duration.ofMinutes(49)));
        insertRun("cleanup_disk", "web-01", "succeeded", now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(29)));
        String oldest = insertRun("restart_service_ssh", "web-01", "succeeded", now.minus(Duration.ofMinutes(10)), now);
        insertRun("restart_service", "web-02", "succeeded", now.minus(Duration.ofMinutes(10)), now);

        LaunchVerdict verdict = guard.mayLaunch(restart, facts("web-01"));
        assertThat(verdict.kind()).isEqualTo(LaunchVerdict.Kind.REFUSE);
        assertThat(verdict.reason()).isEqualTo("web-01 already had 3 runs started in the last hour (limits.max_runs_per_target_per_hour: 3)");
        assertThat(guard.mayLaunch(restart, facts("web-02")).kind()).isEqualTo(LaunchVerdict.Kind.GO);

        jdbc.update("update action_runs set started_at = ? where id = ?", ts(now.minus(Duration.ofMinutes(61))), oldest);
        assertThat(guard.mayLaunch(restart, facts("web-01")).kind()).as("one run is older than an hour").isEqualTo(LaunchVerdict.Kind.GO);
    }

    @Test
    void anActionReachesAtMostFiveTargetsAnHour() {
        Instant started = clock.instant().minus(Duration.ofMinutes(20));
        String first = null;
        for (int i = 1; i <= 5; i++) {
            String id = insertRun("restart_service", "web-0" + i, "succeeded", started, clock.instant());
            first = first == null ? id : first;
        }
        LaunchVerdict sixth = guard.mayLaunch(restart, facts("web-06"));
        assertThat(sixth.kind()).isEqualTo(LaunchVerdict.Kind.REFUSE);
        assertThat(sixth.reason()).isEqualTo(
                "restart_service already started on 5 other targets in the last hour (limits.max_targets_per_action_per_hour: 5)");
        assertThat(guard.mayLaunch(restart, facts("web-03")).kind()).as("a target it already reached").isEqualTo(LaunchVerdict.Kind.GO);
        assertThat(guard.mayLaunch(catalog.get("cleanup_disk").orElseThrow(), facts("web-06")).kind())
                .as("another action").isEqualTo(LaunchVerdict.Kind.GO);

        jdbc.update("update action_runs set started_at = ? where id = ?", ts(clock.instant().minus(Duration.ofMinutes(61))), first);
        assertThat(guard.mayLaunch(restart, facts("web-06")).kind()).isEqualTo(LaunchVerdict.Kind.GO);
    }

    // --- silences and maintenance windows ---

    @Test
    void aSilenceOnTheIncidentRefusesTheLaunchNamingIt() {
        String id = silence("service", "=", "api").id();
        LaunchVerdict verdict = guard.mayLaunch(restart, facts("web-01"));
        assertThat(verdict.kind()).isEqualTo(LaunchVerdict.Kind.REFUSE);
        assertThat(verdict.reason()).startsWith("silence " + id + " covers the incident " + INCIDENT);
    }

    @Test
    void aSilenceOnAFiringAlertOfTheIncidentRefusesTheLaunch() {
        jdbc.update("""
                insert into alerts (id, incident_id, fingerprint, source, status, severity, alertname, labels_json,
                                    annotations_json, starts_at, first_seen_at, last_received_at)
                values (1, ?, 'f1', 'alertmanager', 'firing', 'high', 'HighCPU',
                        '{"alertname":"HighCPU","service":"api","instance":"10.0.0.9:9100"}', '{}', ?, ?, ?)""",
                INCIDENT, ts(clock.instant()), ts(clock.instant()), ts(clock.instant()));
        String id = silence("instance", "=", "10.0.0.9:9100").id();
        assertThat(guard.mayLaunch(restart, facts("web-01")).reason()).startsWith("silence " + id + " covers alert f1 of the incident");

        jdbc.update("update alerts set status = 'resolved'");
        assertThat(guard.mayLaunch(restart, facts("web-01")).kind()).as("a resolved alert").isEqualTo(LaunchVerdict.Kind.GO);
    }

    @Test
    void aMaintenanceWindowOnTheTargetRefusesTheLaunch() {
        String host = silence("host", "=", "web-01").id();
        assertThat(guard.mayLaunch(restart, facts("web-01")).reason()).startsWith("silence " + host + " covers the target web-01");
        assertThat(guard.mayLaunch(restart, facts("web-02")).kind()).isEqualTo(LaunchVerdict.Kind.GO);
        silences.expire(host);
        assertThat(guard.mayLaunch(restart, facts("web-01")).kind()).as("expired").isEqualTo(LaunchVerdict.Kind.GO);

        String instance = silence("instance", "=~", "web-01(:.*)?").id();
        assertThat(guard.mayLaunch(restart, facts("web-01")).reason()).startsWith("silence " + instance);
        silences.expire(instance);

        ActionDefinition start = catalog.get("proxmox_vm_start").orElseThrow();
        RunFacts vm = new RunFacts("vm-run", null, start.id(), start.risk(), "pve-01/104", "analysis", Map.of(),
                Map.of("node", "pve-01", "vmid", 104));
        String vmid = silence("vmid", "=", "104").id();
        assertThat(guard.mayLaunch(start, vm).reason()).startsWith("silence " + vmid + " covers the target pve-01/104");
        silences.expire(vmid);
        String target = silence("target", "=", "pve-01/104").id();
        assertThat(guard.mayLaunch(start, vm).reason()).startsWith("silence " + target);
        silences.expire(target);
        silence("node", "=", "pve-02");
        assertThat(guard.mayLaunch(start, vm).kind()).isEqualTo(LaunchVerdict.Kind.GO);

        silences.create(List.of(new MatcherView("host", "=", "web-01")), clock.instant().plus(Duration.ofHours(1)),
                clock.instant().plus(Duration.ofHours(2)), "ops", "tonight's window");
        assertThat(guard.mayLaunch(restart, facts("web-01")).kind()).as("a window that has not begun").isEqualTo(LaunchVerdict.Kind.GO);
    }

    // --- effectiveness breaker ---

    @Test
    void theThirdIneffectiveEndOpensTheBreakerAndSaysSoExactlyOnce() {
        Instant now = clock.instant();
        String first = insertRun("restart_service", "web-01", "failed", now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(3)));
        String second = insertRun("restart_service", "web-01", "rolled_back", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(2)));
        guard.afterRunEnded(restart, facts(first, "web-01"), ActionRunState.FAILED);
        guard.afterRunEnded(restart, facts(second, "web-01"), ActionRunState.ROLLED_BACK);
        assertThat(guard.mayPropose(restart, facts("web-01")).allowed()).isTrue();
        assertThat(notices()).isEmpty();

        String third = insertRun("restart_service", "web-01", "outcome_unknown", now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(1)));
        RemediationGuard.Verdict propose = guard.mayPropose(restart, facts("web-01"));
        assertThat(propose.allowed()).isFalse();
        assertThat(propose.reason()).startsWith("the effectiveness breaker of restart_service on web-01 is open: it ended 3 times within 24h")
                .contains("POST /api/v1/actions/breakers/restart_service/web-01/reset");

        guard.afterRunEnded(restart, facts(third, "web-01"), ActionRunState.OUTCOME_UNKNOWN);
        guard.afterRunEnded(restart, facts(third, "web-01"), ActionRunState.OUTCOME_UNKNOWN);
        String fourth = insertRun("restart_service", "web-01", "failed", now, now);
        guard.afterRunEnded(restart, facts(fourth, "web-01"), ActionRunState.FAILED);

        assertThat(notices()).singleElement().satisfies(entry -> {
            assertThat(entry.get("kind")).isEqualTo(BreakerNotice.OPENED);
            assertThat((String) entry.get("detail")).contains("restart_service on web-01").contains("run " + third);
        });
        List<Map<String, Object>> sent = jdbc.queryForList("select channel, kind, incident_id from notifications");
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.get("channel")).isEqualTo("email");
            assertThat(n.get("kind")).isEqualTo("ADHOC");
            assertThat(n.get("incident_id")).isEqualTo(INCIDENT);
        });
        assertThat(breaker.open()).singleElement().satisfies(b -> {
            assertThat(b.action()).isEqualTo("restart_service");
            assertThat(b.target()).isEqualTo("web-01");
            assertThat(b.runId()).isEqualTo(third);
            assertThat(b.incidentId()).isEqualTo(INCIDENT);
        });
        assertThat(guard.mayLaunch(restart, facts("web-01")).kind()).as("nor run").isEqualTo(LaunchVerdict.Kind.REFUSE);
        assertThat(guard.mayPropose(restart, facts("web-02")).allowed()).as("another target").isTrue();
        assertThat(guard.mayPropose(catalog.get("cleanup_disk").orElseThrow(), facts("web-01")).allowed()).as("another action").isTrue();
    }

    @Test
    void endsReportedAtOnceByTwoCallersAnnounceTheOpeningOnce() throws Exception {
        Instant now = clock.instant();
        insertRun("restart_service", "web-01", "failed", now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(3)));
        String second = insertRun("restart_service", "web-01", "failed", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(2)));
        String third = insertRun("restart_service", "web-01", "failed", now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(1)));
        // Both ends are committed before either caller looks, as with two instances finishing together.
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> callers = List.of(second, third).stream().map(id -> CompletableFuture.runAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            guard.afterRunEnded(restart, facts(id, "web-01"), ActionRunState.FAILED);
        })).toList();
        start.countDown();
        CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(notices()).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from notifications", Integer.class)).isEqualTo(1);
        assertThat(breaker.open()).hasSize(1);
    }

    @Test
    void onlyEndsWithinTheWindowOpenItAndSuccessesDoNotCloseIt() {
        Instant now = clock.instant();
        insertRun("restart_service", "web-01", "failed", now.minus(Duration.ofHours(40)), now.minus(Duration.ofHours(40)));
        insertRun("restart_service", "web-01", "failed", now.minus(Duration.ofHours(27)), now.minus(Duration.ofHours(27)));
        insertRun("restart_service", "web-01", "succeeded", now.minus(Duration.ofHours(20)), now.minus(Duration.ofHours(20)));
        insertRun("restart_service", "web-01", "rejected", null, now.minus(Duration.ofHours(16)));
        insertRun("restart_service", "web-01", "cancelled", null, now.minus(Duration.ofHours(15)));
        insertRun("restart_service", "web-01", "failed", now.minus(Duration.ofHours(14)), now.minus(Duration.ofHours(14)));
        insertRun("restart_service", "web-02", "failed", now.minus(Duration.ofHours(12)), now.minus(Duration.ofHours(12)));
        assertThat(guard.mayPropose(restart, facts("web-01")).allowed()).as("the three failures span 26h").isTrue();

        String last = insertRun("restart_service", "web-01", "failed", now.minus(Duration.ofHours(10)), now.minus(Duration.ofHours(10)));
        assertThat(guard.mayPropose(restart, facts("web-01")).allowed()).as("27h, 14h and 10h ago lie within 24h").isFalse();
        guard.afterRunEnded(restart, facts(last, "web-01"), ActionRunState.FAILED);
        assertThat(notices()).hasSize(1);

        insertRun("restart_service", "web-01", "succeeded", now, now);
        clock.advance(Duration.ofDays(30));
        assertThat(guard.mayPropose(restart, facts("web-01")).allowed()).as("open until a person resets it").isFalse();
    }

    @Test
    void aResetClosesItAndOnlyLaterEndsCount() {
        Instant now = clock.instant();
        String last = null;
        for (int i = 3; i >= 1; i--) {
            last = insertRun("restart_service", "web-01", "failed", now.minus(Duration.ofHours(i)), now.minus(Duration.ofHours(i)));
        }
        guard.afterRunEnded(restart, facts(last, "web-01"), ActionRunState.FAILED);
        assertThat(guard.mayPropose(restart, facts("web-01")).allowed()).isFalse();

        EffectivenessBreaker.Reset reset = breaker.reset("restart_service", "web-01", "alice");
        assertThat(reset.wasOpen()).isTrue();
        assertThat(reset.resetBy()).isEqualTo("alice");
        assertThat(guard.mayPropose(restart, facts("web-01")).allowed()).isTrue();
        assertThat(breaker.open()).isEmpty();
        assertThat(jdbc.queryForList("select actor from timeline_entries where kind = ?", String.class, BreakerNotice.RESET))
                .containsExactly("alice");

        for (int i = 1; i <= 2; i++) {
            clock.advance(Duration.ofMinutes(10));
            last = insertRun("restart_service", "web-01", "failed", clock.instant(), clock.instant());
            guard.afterRunEnded(restart, facts(last, "web-01"), ActionRunState.FAILED);
        }
        assertThat(guard.mayPropose(restart, facts("web-01")).allowed()).as("two ends since the reset").isTrue();
        clock.advance(Duration.ofMinutes(10));
        last = insertRun("restart_service", "web-01", "rolled_back", clock.instant(), clock.instant());
        guard.afterRunEnded(restart, facts(last, "web-01"), ActionRunState.ROLLED_BACK);
        assertThat(guard.mayPropose(restart, facts("web-01")).allowed()).isFalse();
        assertThat(notices()).extracting(e -> e.get("kind")).containsExactly(BreakerNotice.OPENED, BreakerNotice.RESET, BreakerNotice.OPENED);
        assertThat(jdbc.queryForObject("select count(*) from notifications", Integer.class)).isEqualTo(2);

        clock.advance(Duration.ofMinutes(1));
        assertThat(breaker.reset("restart_service", "web-02", "bob").wasOpen()).as("nothing to close").isFalse();
    }

    @Test
    void aRunWithoutAnIncidentTellsTheDefaultChannels() {
        Instant now = clock.instant();
        String last = null;
        for (int i = 3; i >= 1; i--) {
            last = insertRunOf(null, "restart_service", "web-09", "failed", now.minus(Duration.ofHours(i)), now.minus(Duration.ofHours(i)));
        }
        RunFacts run = new RunFacts(last, null, "restart_service", restart.risk(), "web-09", "analysis", Map.of(), Map.of("host", "web-09"));
        guard.afterRunEnded(restart, run, ActionRunState.FAILED);
        assertThat(jdbc.queryForList("select channel from notifications where incident_id is null", String.class))
                .containsExactly("telegram");
        assertThat(notices()).isEmpty();
    }

    // --- approvals and auto-run through the guard, with src/test/resources/test-remediation.yaml ---

    @Test
    void approvalsFollowThePolicyFile() {
        ActionDefinition high = catalog.get("proxmox_vm_restart").orElseThrow();
        RunFacts run = new RunFacts("h1", INCIDENT, high.id(), high.risk(), "pve-01/104", "bob", INCIDENT_LABELS,
                Map.of("node", "pve-01", "vmid", 104));
        assertThat(guard.mayApprove(high, run, "bob", List.of()).allowed()).as("the proposer").isFalse();
        assertThat(guard.mayApprove(high, run, "carol", List.of()).allowed()).as("not listed").isFalse();
        RemediationGuard.ApprovalVerdict first = guard.mayApprove(high, run, "alice", List.of());
        assertThat(first.allowed()).isTrue();
        assertThat(first.complete()).isFalse();
        assertThat(guard.mayApprove(high, run, "telegram:123456789", List.of("alice")).complete()).isTrue();
        assertThat(guard.mayReject(high, run, "bob").allowed()).as("withdrawn by its proposer").isTrue();
    }

    @Test
    void onlyALowActionMatchingAnAutoRunRuleSkipsApproval() {
        ActionDefinition start = catalog.get("proxmox_vm_start").orElseThrow();
        Map<String, Object> vm = Map.of("node", "pve-01", "vmid", 104);
        assertThat(guard.autoRuns(start, new RunFacts("a1", INCIDENT, start.id(), start.risk(), "pve-01/104", "analysis",
                Map.of("alertname", "ProxmoxVMDown", "env", "lab"), vm))).isTrue();
        assertThat(guard.autoRuns(start, new RunFacts("a2", INCIDENT, start.id(), start.risk(), "pve-01/104", "analysis",
                Map.of("alertname", "ProxmoxVMDown", "env", "prod"), vm))).isFalse();
        assertThat(guard.autoRuns(start, new RunFacts("a3", null, start.id(), start.risk(), "pve-01/104", "person", Map.of(), vm)))
                .isFalse();
        assertThat(guard.autoRuns(restart, new RunFacts("a4", INCIDENT, restart.id(), restart.risk(), "web-01", "analysis",
                Map.of("alertname", "ProxmoxVMDown", "env", "lab"), Map.of("host", "web-01")))).isFalse();
    }

    // --- helpers ---

    RunFacts facts(String target) {
        return facts("launching-" + target, target);
    }

    RunFacts facts(String runId, String target) {
        return new RunFacts(runId, INCIDENT, "restart_service", restart.risk(), target, "analysis", INCIDENT_LABELS,
                Map.of("host", target, "service", "nginx"));
    }

    String insertRun(String action, String target, String state, Instant started, Instant finished) {
        return insertRunOf(INCIDENT, action, target, state, started, finished);
    }

    /** A row as the action runner writes it. */
    String insertRunOf(String incidentId, String action, String target, String state, Instant started, Instant finished) {
        String id = String.format("00000000-0000-0000-0000-%012d", ++runs);
        Instant created = started == null ? (finished == null ? clock.instant() : finished) : started;
        jdbc.update("""
                insert into action_runs (id, incident_id, action_id, executor, risk, target, parameters_json, proposed_by,
                                         proposer_kind, idempotency_key, state, created_at, updated_at, started_at, finished_at)
                values (?, ?, ?, 'ssh', 'medium', ?, '{}', 'analysis', 'analysis', ?, ?, ?, ?, ?, ?)""",
                id, incidentId, action, target, id, state, ts(created), ts(finished == null ? created : finished), ts(started),
                ts(finished));
        return id;
    }

    SilenceService.Silence silence(String name, String op, String value) {
        return silences.create(List.of(new MatcherView(name, op, value)), null, clock.instant().plus(Duration.ofHours(2)),
                "ops", "maintenance");
    }

    List<Map<String, Object>> notices() {
        return jdbc.queryForList("select kind, actor, detail from timeline_entries where kind like 'remediation%' order by id");
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
