package io.aiopshub.remediation;

import java.util.List;

import io.aiopshub.remediation.catalog.ActionDefinition;

/**
 * The remediation policy ({@code config/remediation.yaml}) and the safety limits, as the action runner
 * asks them. Default deny: a person not named in the policy may approve nothing.
 */
public interface RemediationGuard {

    /** Before a run is created: refused while the effectiveness breaker of (action, target) is open. */
    Verdict mayPropose(ActionDefinition action, RunFacts run);

    /** Whether the run may skip approval: a {@code low} action matching an auto-run rule, never otherwise. */
    boolean autoRuns(ActionDefinition action, RunFacts run);

    /**
     * An approval by {@code approver} (an API token name now, {@code telegram:<id>}/{@code slack:<id>}
     * later). {@code earlierApprovers} are the distinct people who approved this run before.
     * {@link ApprovalVerdict#complete()} says whether the run is approved with this approval (the
     * two-person rule of {@code high}).
     */
    ApprovalVerdict mayApprove(ActionDefinition action, RunFacts run, String approver, List<String> earlierApprovers);

    /** Rejecting needs the same right as approving; the proposer may always withdraw (reject) their own run. */
    Verdict mayReject(ActionDefinition action, RunFacts run, String person);

    /**
     * Just before {@code approved -> running}, inside the transaction that holds the launch lock: the kill
     * switch, max concurrent runs, runs per target per hour, distinct targets per action per hour, and
     * silences / maintenance windows covering the incident or the target.
     */
    LaunchVerdict mayLaunch(ActionDefinition action, RunFacts run);

    /**
     * After a run ended ({@code succeeded}, {@code failed}, {@code rolled_back}, {@code outcome_unknown}):
     * trips the effectiveness breaker when (action, target) ended too often without a successful verify,
     * and says so on the incident's timeline and in a notification.
     */
    void afterRunEnded(ActionDefinition action, RunFacts run, ActionRunState finalState);

    record Verdict(boolean allowed, String reason) {
        public static Verdict allow() {
            return new Verdict(true, null);
        }

        public static Verdict deny(String reason) {
            return new Verdict(false, reason);
        }
    }

    record ApprovalVerdict(boolean allowed, boolean complete, String reason) { }

    /** GO: run now. WAIT: stay approved and try again later (concurrency). REFUSE: cancel with the reason. */
    record LaunchVerdict(Kind kind, String reason) {
        public enum Kind { GO, WAIT, REFUSE }
    }
}
