package io.aiopshub.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.executor.ExecutorResult;
import io.aiopshub.store.RetentionProperties;
import io.aiopshub.store.RetentionService;

/**
 * The action-run state machine on a real database (subclasses: H2 and PostgreSQL): compare-and-set moves,
 * idempotent proposals, decisions and launches under concurrency, expiry and lease loss.
 */
abstract class ActionRunStoreContract {

    static final int THREADS = 16;

    abstract RunnerFixture fixture();

    RunnerFixture f;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        f = fixture();
        f.clean();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        f.close();
    }

    @Test
    void illegalMovesAreRefusedAndAMoveFromAStaleStateChangesNothing() {
        ActionRun run = awaiting(f.incident(), "k1");

        assertThatThrownBy(() -> Move.of(ActionRunState.AWAITING_APPROVAL, ActionRunState.RUNNING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("awaiting_approval to running");
        assertThatThrownBy(() -> Move.of(ActionRunState.SUCCEEDED, ActionRunState.RUNNING))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Move.of(ActionRunState.OUTCOME_UNKNOWN, ActionRunState.RUNNING))
                .isInstanceOf(IllegalArgumentException.class);

        // The row is awaiting_approval: a move that expects approved loses and writes nothing.
        long events = f.store.events(run.id()).size();
        assertThat(f.store.move(run.id(), Move.of(ActionRunState.APPROVED, ActionRunState.RUNNING).by("x"))).isFalse();
        ActionRun after = f.store.find(run.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(ActionRunState.AWAITING_APPROVAL);
        assertThat(after.updatedAt()).isEqualTo(run.updatedAt());
        assertThat(f.store.events(run.id())).hasSize((int) events);

        assertThat(f.store.move(run.id(), Move.of(ActionRunState.AWAITING_APPROVAL, ActionRunState.REJECTED).by("bob")
                .because("not now"))).isTrue();
        assertThat(f.store.move(run.id(), Move.of(ActionRunState.AWAITING_APPROVAL, ActionRunState.APPROVED).by("carol")))
                .as("a rejected run stays rejected").isFalse();
        assertThat(f.store.find(run.id()).orElseThrow().state()).isEqualTo(ActionRunState.REJECTED);
        assertThat(f.store.find(run.id()).orElseThrow().finishedAt()).isNotNull();
    }

    @Test
    void everyMoveIsOnTheRunsHistoryAndTheIncidentsTimelineWithWhoAndWhy() {
        String incident = f.incident();
        ActionRun run = awaiting(incident, "k2");
        f.decisions.approve(new DecisionRequest(run.id(), "bob", "api", "go ahead"));

        assertThat(f.store.events(run.id())).extracting(RunEvent::kind)
                .containsExactly("action_proposed", "action_awaiting_approval", "action_approved");
        assertThat(f.store.events(run.id()).get(2).actor()).isEqualTo("bob");
        assertThat(f.store.events(run.id()).get(2).detail()).contains("approved by bob via api: go ahead");
        assertThat(f.jdbc.queryForList("select kind from timeline_entries where incident_id = ? order by id", String.class, incident))
                .containsExactly("action_proposed", "action_awaiting_approval", "action_approved");
        assertThat(f.jdbc.queryForList("select actor from timeline_entries where incident_id = ? order by id", String.class, incident))
                .containsExactly("alice", f.jdbc.queryForObject("select actor from action_run_events where run_id = ? and kind = ?",
                        String.class, run.id(), "action_awaiting_approval"), "bob");
        assertThat(f.jdbc.queryForList("select detail from timeline_entries where incident_id = ? order by id", String.class, incident).get(0))
                .startsWith("restart_service_ssh on web-01 (run " + run.id() + "): proposed by person alice");
        assertThat(f.store.decisions(run.id())).singleElement()
                .satisfies(d -> assertThat(d.decidedBy() + "/" + d.channel() + "/" + d.decision()).isEqualTo("bob/api/approve"));
    }

    @Test
    void aRetriedProposalReturnsTheRunItMadeAndAReusedKeyForSomethingElseIsRefused() {
        String incident = f.incident();
        ProposalOutcome first = f.proposals.propose(f.proposal(incident, "retry-key"));
        ProposalOutcome again = f.proposals.propose(f.proposal(incident, "retry-key"));

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.run().id()).isEqualTo(first.run().id());
        assertThat(f.jdbc.queryForObject("select count(*) from action_runs", Long.class)).isOne();

        Proposal other = new Proposal("restart_service_ssh", Map.of("host", "web-02", "service", "nginx"), incident,
                "alice", ProposerKind.PERSON, "retry-key", null);
        assertThatThrownBy(() -> f.proposals.propose(other)).isInstanceOf(ActionRunConflict.class)
                .satisfies(e -> assertThat(((ActionRunConflict) e).field()).isEqualTo("idempotencyKey"));
        assertThat(f.jdbc.queryForObject("select count(*) from action_runs", Long.class)).isOne();
    }

    @Test
    void concurrentIdenticalProposalsMakeOneRun() throws Exception {
        String incident = f.incident();
        List<ProposalOutcome> outcomes = all(() -> f.proposals.propose(f.proposal(incident, "twin")));

        assertThat(outcomes).extracting(o -> o.run().id()).containsOnly(outcomes.get(0).run().id());
        assertThat(outcomes).filteredOn(ProposalOutcome::created).hasSize(1);
        assertThat(f.jdbc.queryForObject("select count(*) from action_runs", Long.class)).isOne();
    }

    @Test
    void badParametersAndUnknownIncidentsStoreNothing() {
        Proposal bad = new Proposal("restart_service_ssh", Map.of("host", "web-01; rm -rf /", "service", "nginx"),
                null, "alice", ProposerKind.PERSON, "bad", null);
        assertThatThrownBy(() -> f.proposals.propose(bad)).isInstanceOf(PayloadValidationException.class)
                .satisfies(e -> assertThat(((PayloadValidationException) e).getProblems().get(0).field()).isEqualTo("parameters.host"));
        assertThatThrownBy(() -> f.proposals.propose(f.proposal("00000000-0000-0000-0000-000000000000", "gone")))
                .isInstanceOf(PayloadValidationException.class).hasMessageContaining("incidentId");
        assertThat(f.jdbc.queryForObject("select count(*) from action_runs", Long.class)).isZero();
    }

    @Test
    void concurrentApprovalsApproveOnceAndConcurrentLaunchersLaunchOnce() throws Exception {
        ActionRun run = awaiting(f.incident(), "k3");
        List<Object> answers = allOf(i -> () -> {
            try {
                return f.decisions.approve(new DecisionRequest(run.id(), "approver-" + i, "api", null));
            } catch (ActionRunConflict e) {
                return e;
            }
        });
        assertThat(answers).filteredOn(a -> a instanceof ActionDecisions.Decided d && d.approvedNow()).hasSize(1);
        assertThat(answers).filteredOn(a -> a instanceof ActionRunConflict).hasSize(THREADS - 1);
        assertThat(f.store.decisions(run.id())).hasSize(1);
        assertThat(f.store.events(run.id())).filteredOn(e -> e.kind().equals("action_approved")).hasSize(1);

        List<RunnerFixture.Instance> instances = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            instances.add(f.instance());
        }
        List<List<ActionRun>> claims = allOf(i -> () -> instances.get(i).launcher().claimApproved());
        assertThat(claims.stream().mapToInt(List::size).sum()).as("claimed by exactly one instance").isOne();
        ActionRun running = f.store.find(run.id()).orElseThrow();
        assertThat(running.state()).isEqualTo(ActionRunState.RUNNING);
        assertThat(claims.stream().filter(c -> !c.isEmpty()).findFirst().orElseThrow().get(0).claimedBy())
                .isEqualTo(running.claimedBy());
        assertThat(f.store.events(run.id())).filteredOn(e -> e.kind().equals("action_running")).hasSize(1);
    }

    @Test
    void aDoubleClickRecordsOneDecision() throws Exception {
        ActionRun run = awaiting(f.incident(), "k4");
        List<ActionDecisions.Decided> answers = all(() -> f.decisions.approve(new DecisionRequest(run.id(), "bob", "api", null)));

        assertThat(answers).filteredOn(ActionDecisions.Decided::approvedNow).hasSize(1);
        assertThat(answers).allSatisfy(a -> assertThat(a.run().state()).isEqualTo(ActionRunState.APPROVED));
        assertThat(f.store.decisions(run.id())).hasSize(1);
    }

    @Test
    void aRefusedApprovalChangesNothingButTheHistory() {
        ActionRun run = awaiting(f.incident(), "k5");
        f.guard.refusedApprovers.put("mallory", "not an approver of medium actions");

        assertThatThrownBy(() -> f.decisions.approve(new DecisionRequest(run.id(), "mallory", "api", null)))
                .isInstanceOf(ActionRunRefused.class).hasMessageContaining("not an approver of medium actions");
        assertThat(f.store.find(run.id()).orElseThrow().state()).isEqualTo(ActionRunState.AWAITING_APPROVAL);
        assertThat(f.store.decisions(run.id())).isEmpty();
        assertThat(f.store.events(run.id()).get(f.store.events(run.id()).size() - 1))
                .satisfies(e -> assertThat(e.kind() + " " + e.actor()).isEqualTo("action_decision_refused mallory"));
    }

    @Test
    void undecidedApprovalsExpire() {
        ActionRun run = awaiting(f.incident(), "k6");
        RunnerFixture.Instance hub = f.instance();
        assertThat(hub.sweeper().expire()).isZero();

        f.clock.advance(Duration.ofMinutes(31));
        assertThat(hub.sweeper().expire()).isOne();
        assertThat(f.store.find(run.id()).orElseThrow().state()).isEqualTo(ActionRunState.EXPIRED);
        assertThat(f.guard.ended).containsExactly(run.id() + ":expired");
        assertThatThrownBy(() -> f.decisions.approve(new DecisionRequest(run.id(), "bob", "api", null)))
                .isInstanceOf(ActionRunConflict.class).hasMessageContaining("is expired");
        assertThat(hub.sweeper().expire()).as("once").isZero();
    }

    @Test
    void aRunWhoseInstanceDiedBecomesOutcomeUnknownAndIsNeverRunAgain() {
        ActionRun run = awaiting(f.incident(), "k7");
        f.decisions.approve(new DecisionRequest(run.id(), "bob", "api", null));
        RunnerFixture.Instance dead = f.instance();
        RunnerFixture.Instance alive = f.instance();
        assertThat(dead.launcher().claimApproved()).hasSize(1);
        assertThat(dead.execution().startable(dead.execution().current(run))).isTrue();
        assertThat(alive.execution().startable(alive.execution().current(run))).as("held by the other instance").isFalse();

        f.clock.advance(Duration.ofSeconds(30));
        assertThat(alive.sweeper().recover()).as("the lease still holds").isZero();
        f.clock.advance(Duration.ofSeconds(31));
        assertThat(dead.leases().renew()).as("a lease that ran out is not renewed").isZero();
        assertThat(alive.sweeper().recover()).isOne();

        ActionRun lost = f.store.find(run.id()).orElseThrow();
        assertThat(lost.state()).isEqualTo(ActionRunState.OUTCOME_UNKNOWN);
        assertThat(lost.stateReason()).contains(dead.id().id()).contains("not run again");
        assertThat(f.guard.ended).containsExactly(run.id() + ":outcome_unknown");
        assertThat(alive.launcher().claimApproved()).isEmpty();
        assertThat(dead.launcher().claimApproved()).isEmpty();

        // An execution thread of the dead instance that only now takes the run up starts nothing.
        assertThat(dead.execution().startable(dead.execution().current(run))).isFalse();
        // The dead instance's executor answers after all: nothing moves, the answer is noted.
        ActionRun after = dead.execution().executed(run, ExecutorResult.success("restarted nginx", "ok"));
        assertThat(after.state()).isEqualTo(ActionRunState.OUTCOME_UNKNOWN);
        assertThat(f.store.events(run.id())).extracting(RunEvent::kind).endsWith("action_outcome_unknown", "action_late_result");
    }

    @Test
    void aHeldRunKeepsItsLeaseWhileItsPhaseCanStillWork() {
        ActionRun run = awaiting(f.incident(), "k8");
        f.decisions.approve(new DecisionRequest(run.id(), "bob", "api", null));
        RunnerFixture.Instance hub = f.instance();
        hub.launcher().claimApproved();

        for (int i = 0; i < 8; i++) {
            f.clock.advance(Duration.ofSeconds(15));
            assertThat(hub.leases().renew()).isOne();
            assertThat(hub.sweeper().recover()).isZero();
        }
        assertThat(f.store.find(run.id()).orElseThrow().state()).isEqualTo(ActionRunState.RUNNING);
        // restart_service_ssh times out after 2m: past prepare + execute + one lease the run is given up.
        f.clock.advance(Duration.ofMinutes(3));
        assertThat(hub.leases().renew()).isZero();
        f.clock.advance(Duration.ofSeconds(61));
        assertThat(hub.sweeper().recover()).isOne();
    }

    @Test
    void aProposalThePolicyRefusesStoresNoRunAndSaysWhyOnTheIncident() {
        String incident = f.incident();
        f.guard.propose = io.aiopshub.remediation.RemediationGuard.Verdict.deny("the effectiveness breaker is open");

        assertThatThrownBy(() -> f.proposals.propose(f.proposal(incident, "refused"))).isInstanceOf(ActionRunConflict.class)
                .hasMessageContaining("the effectiveness breaker is open");
        assertThat(f.jdbc.queryForObject("select count(*) from action_runs", Long.class)).isZero();
        assertThat(f.jdbc.queryForList("select detail from timeline_entries where incident_id = ? and kind = ?", String.class,
                incident, ActionProposals.PROPOSAL_REFUSED)).singleElement().asString()
                .isEqualTo("restart_service_ssh on web-01 not proposed: the effectiveness breaker is open");
    }

    @Test
    void aLaunchThePolicyDefersWaitsAndOneItRefusesIsCancelledWithTheReason() {
        ActionRun waiting = awaiting(f.incident(), "w1");
        f.decisions.approve(new DecisionRequest(waiting.id(), "bob", "api", null));
        RunnerFixture.Instance hub = f.instance();
        f.guard.launch = new io.aiopshub.remediation.RemediationGuard.LaunchVerdict(
                io.aiopshub.remediation.RemediationGuard.LaunchVerdict.Kind.WAIT, "3 runs are running");
        assertThat(hub.launcher().claimApproved()).isEmpty();
        assertThat(f.store.find(waiting.id()).orElseThrow().state()).isEqualTo(ActionRunState.APPROVED);

        f.guard.launch = new io.aiopshub.remediation.RemediationGuard.LaunchVerdict(
                io.aiopshub.remediation.RemediationGuard.LaunchVerdict.Kind.REFUSE, "silence s-1 covers web-01");
        assertThat(hub.launcher().claimApproved()).isEmpty();
        ActionRun refused = f.store.find(waiting.id()).orElseThrow();
        assertThat(refused.state()).isEqualTo(ActionRunState.CANCELLED);
        assertThat(refused.stateReason()).isEqualTo("refused at launch: silence s-1 covers web-01");
        assertThat(f.guard.ended).containsExactly(waiting.id() + ":cancelled");
    }

    @Test
    void anApprovedRunTheLimitsKeepWaitingExpires() {
        ActionRun run = awaiting(f.incident(), "w2");
        f.decisions.approve(new DecisionRequest(run.id(), "bob", "api", null));
        f.guard.launch = new io.aiopshub.remediation.RemediationGuard.LaunchVerdict(
                io.aiopshub.remediation.RemediationGuard.LaunchVerdict.Kind.WAIT, "3 runs are running");
        RunnerFixture.Instance hub = f.instance();
        f.clock.advance(Duration.ofMinutes(29));
        hub.launcher().claimApproved();
        assertThat(hub.sweeper().expire()).isZero();
        f.clock.advance(Duration.ofMinutes(2));
        assertThat(hub.sweeper().expire()).isOne();
        assertThat(f.store.find(run.id()).orElseThrow().state()).isEqualTo(ActionRunState.EXPIRED);
    }

    @Test
    void aDryRunThatNeverFinishedFailsTheProposal() {
        ProposalOutcome proposed = f.proposals.propose(f.proposal(f.incident(), "stale"));
        RunnerFixture.Instance hub = f.instance();
        f.clock.advance(Duration.ofMinutes(2));
        assertThat(hub.sweeper().failStaleProposals()).as("restart_service_ssh's dry run may take 2m").isZero();
        f.clock.advance(Duration.ofSeconds(61));
        assertThat(hub.sweeper().failStaleProposals()).isOne();
        assertThat(f.store.find(proposed.run().id()).orElseThrow().state()).isEqualTo(ActionRunState.FAILED);
        // The proposing instance's dry run answers after all: nothing moves.
        assertThat(f.proposals.dryRunDone(proposed.run(), ExecutorResult.success("would run", "")).state())
                .isEqualTo(ActionRunState.FAILED);
    }

    @Test
    void aResolvedIncidentPastItsRetentionGoesWithItsFinishedRunsButStaysWhileOneIsUnfinished() {
        String finished = f.incident();
        String unfinished = f.incident();
        ActionRun rejected = awaiting(finished, "r1");
        f.decisions.reject(new DecisionRequest(rejected.id(), "bob", "api", "no"));
        ActionRun waiting = awaiting(unfinished, "r2");
        f.jdbc.update("update incidents set status = 'resolved', resolved_at = ?", java.sql.Timestamp.from(f.clock.instant()));
        // Both were posted to a chat for approval: a button reference and the message to edit later.
        for (ActionRun run : List.of(rejected, waiting)) {
            f.jdbc.update("insert into chat_approval_refs (callback_id, run_id, created_at) values (?, ?, ?)",
                    run.id().substring(0, 16), run.id(), java.sql.Timestamp.from(f.clock.instant()));
            f.jdbc.update("insert into chat_posted_approvals (run_id, channel, chat_id, message_ref, posted_at) "
                    + "values (?, 'telegram', '-100', '42', ?)", run.id(), java.sql.Timestamp.from(f.clock.instant()));
        }
        f.clock.advance(Duration.ofDays(91));
        RetentionService retention = new RetentionService(f.jdbc, f.transactions, new RetentionProperties(), f.clock);

        assertThat(retention.purge().incidents()).isOne();
        assertThat(f.jdbc.queryForList("select id from incidents", String.class)).containsExactly(unfinished);
        assertThat(f.store.find(rejected.id())).isEmpty();
        assertThat(f.store.events(rejected.id())).isEmpty();
        assertThat(f.store.decisions(rejected.id())).isEmpty();
        assertThat(f.store.find(waiting.id())).isPresent();
        assertThat(f.jdbc.queryForList("select run_id from chat_approval_refs", String.class))
                .as("the chat references go with their run").containsExactly(waiting.id());
        assertThat(f.jdbc.queryForList("select run_id from chat_posted_approvals", String.class)).containsExactly(waiting.id());
    }

    /** A run of restart_service_ssh awaiting approval, with a successful dry run. */
    ActionRun awaiting(String incident, String key) {
        ProposalOutcome outcome = f.proposals.propose(f.proposal(incident, key));
        return f.proposals.dryRunDone(outcome.run(), ExecutorResult.success("would run: timeout 120 sudo systemctl restart nginx", ""));
    }

    private <T> List<T> all(Callable<T> task) throws Exception {
        return allOf(i -> task);
    }

    /** Runs THREADS tasks released at the same moment; their answers in order. */
    private <T> List<T> allOf(java.util.function.IntFunction<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Callable<T> task = tasks.apply(i);
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
