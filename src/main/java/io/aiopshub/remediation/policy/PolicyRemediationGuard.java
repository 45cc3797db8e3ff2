package io.aiopshub.remediation.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.RemediationGuard;
import io.aiopshub.remediation.RunFacts;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Risk;

/**
 * The hub's remediation policy: {@code config/remediation.yaml} (approvers, auto-run rules, limits, breaker
 * settings, as in force at the moment of each question), the kill switch {@code aiops.remediation.enabled},
 * silences, and the run history in {@code action_runs}. The risk is always the catalog's.
 */
@Component
public class PolicyRemediationGuard implements RemediationGuard {

    private static final Duration HOUR = Duration.ofHours(1);

    private final CurrentRemediationPolicy policy;
    private final RemediationPolicyProperties properties;
    private final RunHistory history;
    private final SilenceCoverage silences;
    private final EffectivenessBreaker breaker;
    private final Clock clock;

    public PolicyRemediationGuard(CurrentRemediationPolicy policy, RemediationPolicyProperties properties, RunHistory history,
                                  SilenceCoverage silences, EffectivenessBreaker breaker, Clock clock) {
        this.policy = policy;
        this.properties = properties;
        this.history = history;
        this.silences = silences;
        this.breaker = breaker;
        this.clock = clock;
    }

    @Override
    public Verdict mayPropose(ActionDefinition action, RunFacts run) {
        return breaker.openReason(action.id(), run.target()).map(Verdict::deny).orElseGet(Verdict::allow);
    }

    @Override
    public boolean autoRuns(ActionDefinition action, RunFacts run) {
        return action.risk() == Risk.LOW && Boolean.FALSE.equals(action.requiresApproval())
                && policy.get().autoRunRule(action.id(), run.incidentLabels()).isPresent();
    }

    @Override
    public ApprovalVerdict mayApprove(ActionDefinition action, RunFacts run, String approver, List<String> earlierApprovers) {
        return ApprovalRules.mayApprove(policy.get(), action.risk(), run.proposedBy(), approver, earlierApprovers);
    }

    @Override
    public Verdict mayReject(ActionDefinition action, RunFacts run, String person) {
        return ApprovalRules.mayReject(policy.get(), action.risk(), run.proposedBy(), person);
    }

    /**
     * Refusals first (kill switch, silences, breaker, per-target and per-action rates), then the one limit
     * that passes with time by itself (concurrency), which only makes the run wait.
     */
    @Override
    public LaunchVerdict mayLaunch(ActionDefinition action, RunFacts run) {
        if (!properties.isEnabled()) {
            return refuse("remediation is switched off (aiops.remediation.enabled=false)");
        }
        Instant now = clock.instant();
        Optional<SilenceCoverage.Cover> cover = silences.find(run, now);
        if (cover.isPresent()) {
            return refuse("silence " + cover.get().silenceId() + " covers " + cover.get().what()
                    + ": no runs for silenced alerts or targets in a maintenance window");
        }
        Optional<String> open = breaker.openReason(action.id(), run.target());
        if (open.isPresent()) {
            return refuse(open.get());
        }
        Limits limits = policy.get().limits();
        int onTarget = history.runsStartedOn(run.target(), now.minus(HOUR), run.runId());
        if (onTarget >= limits.maxRunsPerTargetPerHour()) {
            return refuse(run.target() + " already had " + onTarget + " runs started in the last hour"
                    + " (limits.max_runs_per_target_per_hour: " + limits.maxRunsPerTargetPerHour() + ")");
        }
        Set<String> targets = history.targetsOf(action.id(), now.minus(HOUR), run.runId());
        if (!targets.contains(run.target()) && targets.size() >= limits.maxTargetsPerActionPerHour()) {
            return refuse(action.id() + " already started on " + targets.size() + " other targets in the last hour"
                    + " (limits.max_targets_per_action_per_hour: " + limits.maxTargetsPerActionPerHour() + ")");
        }
        int active = history.activeRuns(run.runId());
        if (active >= limits.maxConcurrentRuns()) {
            return new LaunchVerdict(LaunchVerdict.Kind.WAIT, active + " runs are running or verifying"
                    + " (limits.max_concurrent_runs: " + limits.maxConcurrentRuns() + ")");
        }
        return new LaunchVerdict(LaunchVerdict.Kind.GO, null);
    }

    @Override
    public void afterRunEnded(ActionDefinition action, RunFacts run, ActionRunState finalState) {
        breaker.afterRunEnded(action.id(), run, finalState);
    }

    private static LaunchVerdict refuse(String reason) {
        return new LaunchVerdict(LaunchVerdict.Kind.REFUSE, reason);
    }
}
