package io.aiopshub.remediation.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.RemediationGuard;
import io.aiopshub.remediation.RunFacts;
import io.aiopshub.remediation.catalog.ActionDefinition;

/**
 * A remediation policy whose answers the test sets: everything allowed and launched by default. It stands
 * for the policy of {@code io.aiopshub.remediation.policy} in the runner's tests, which test what the
 * runner does with each answer, not the policy's rules.
 */
public class ScriptedGuard implements RemediationGuard {

    public volatile Verdict propose = Verdict.allow();
    public volatile boolean autoRun;
    public volatile ApprovalVerdict approve = new ApprovalVerdict(true, true, null);
    public final Map<String, String> refusedApprovers = new ConcurrentHashMap<>();
    public volatile LaunchVerdict launch = new LaunchVerdict(LaunchVerdict.Kind.GO, null);
    public final List<String> ended = new CopyOnWriteArrayList<>();

    @Override
    public Verdict mayPropose(ActionDefinition action, RunFacts run) {
        return propose;
    }

    @Override
    public boolean autoRuns(ActionDefinition action, RunFacts run) {
        return autoRun;
    }

    @Override
    public ApprovalVerdict mayApprove(ActionDefinition action, RunFacts run, String approver, List<String> earlierApprovers) {
        String refusal = refusedApprovers.get(approver);
        return refusal != null ? new ApprovalVerdict(false, false, refusal) : approve;
    }

    @Override
    public Verdict mayReject(ActionDefinition action, RunFacts run, String person) {
        String refusal = refusedApprovers.get(person);
        return refusal != null ? Verdict.deny(refusal) : Verdict.allow();
    }

    @Override
    public LaunchVerdict mayLaunch(ActionDefinition action, RunFacts run) {
        return launch;
    }

    @Override
    public void afterRunEnded(ActionDefinition action, RunFacts run, ActionRunState finalState) {
        ended.add(run.runId() + ":" + finalState.id());
    }
}
