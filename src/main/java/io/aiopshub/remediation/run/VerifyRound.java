package io.aiopshub.remediation.run;

import java.util.LinkedHashMap;
import java.util.Map;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.VerifySpec;

/**
 * One pass of the verifier over one run: which of the catalog's conditions are declared, and what each
 * check found. Lives for one exchange of route {@code remediation-verifier}; nothing of it is kept in
 * memory between passes (the result text goes on the run).
 */
public class VerifyRound {

    /** What one condition found. */
    public record Finding(boolean holds, String detail) { }

    private final ActionRun run;
    private final ActionDefinition action;
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private boolean rollbackDue;
    private String failure;

    public VerifyRound(ActionRun run, ActionDefinition action) {
        this.run = run;
        this.action = action;
    }

    public ActionRun getRun() { return run; }
    public ActionDefinition getAction() { return action; }
    public VerifySpec getSpec() { return action.verify(); }

    public boolean isPromqlDeclared() {
        return action.verify().promql() != null;
    }

    public boolean isAlertsDeclared() {
        return action.verify().requiresResolvedAlerts();
    }

    public boolean isCheckDeclared() {
        return action.verify().hasCheck();
    }

    /** Set when the deadline passed without every condition holding and the catalog declares a rollback. */
    public boolean isRollbackDue() { return rollbackDue; }

    void markRollbackDue(String failure) {
        this.rollbackDue = true;
        this.failure = failure;
    }

    /** Why the verify failed, for the rollback's outcome. */
    String failure() { return failure; }

    void found(String condition, boolean holds, String detail) {
        findings.put(condition, new Finding(holds, detail));
    }

    Map<String, Finding> findings() {
        return findings;
    }

    boolean allHold() {
        return !findings.isEmpty() && findings.values().stream().allMatch(Finding::holds);
    }

    /** "promql: holds (2 series); alerts_resolved: 1 of 3 alerts still firing". */
    String summary() {
        StringBuilder text = new StringBuilder();
        findings.forEach((condition, finding) -> text.append(text.isEmpty() ? "" : "; ").append(condition).append(": ")
                .append(finding.holds() ? "holds" : "does not hold").append(finding.detail() == null ? "" : " (" + finding.detail() + ")"));
        return text.toString();
    }
}
