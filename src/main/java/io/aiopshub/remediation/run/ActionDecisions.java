package io.aiopshub.remediation.run;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.RemediationGuard;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;

/**
 * Approvals, rejections and cancellations. Each runs in one transaction that first locks the run's row, so
 * decisions on one run happen one at a time: two approvers of a two-person run both count, a double click
 * records one decision, and the move to {@code approved} happens once, when the policy says the approvals
 * are complete. A decision the policy refuses changes nothing but the run's history.
 */
@Component("actionDecisions")
public class ActionDecisions {

    public static final String APPROVAL_RECORDED = "action_approval_recorded";
    public static final String DECISION_REFUSED = "action_decision_refused";

    private static final Set<ActionRunState> CANCELLABLE =
            EnumSet.of(ActionRunState.PROPOSED, ActionRunState.AWAITING_APPROVAL, ActionRunState.APPROVED);

    /** What a decision did: the run as it is now, and whether this decision approved it. */
    public record Decided(ActionRun run, boolean approvedNow) { }

    private final ActionRunStore store;
    private final ActionCatalog catalog;
    private final RemediationGuard guard;
    private final RunFactsReader facts;
    private final ActionProposals proposals;
    private final RunEndings endings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ActionDecisions(ActionRunStore store, ActionCatalog catalog, RemediationGuard guard, RunFactsReader facts,
                           ActionProposals proposals, RunEndings endings, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.guard = guard;
        this.facts = facts;
        this.proposals = proposals;
        this.endings = endings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Approves the run for {@code approver}. A repeated approval by the same person answers with the run and
     * changes nothing. Throws {@link ActionRunConflict} (wrong state) or {@link ActionRunRefused} (policy).
     */
    public Decided approve(DecisionRequest request) {
        String runId = request.runId();
        String approver = request.person();
        String channel = request.channel();
        String comment = request.comment();
        Attempt attempt = transactions.execute(status -> {
            ActionRunState state = store.lock(runId).orElseThrow(() -> new ActionRunNotFound(runId));
            ActionRun run = store.find(runId).orElseThrow();
            List<RunDecision> decisions = store.decisions(runId);
            if (decided(decisions, approver, RunDecision.APPROVE)) {
                return new Attempt(run, false, null);
            }
            if (state != ActionRunState.AWAITING_APPROVAL) {
                throw wrongState(state, "approved", "awaiting_approval");
            }
            List<String> earlier = decisions.stream().filter(d -> RunDecision.APPROVE.equals(d.decision()))
                    .map(RunDecision::decidedBy).toList();
            ActionDefinition action = action(run);
            RemediationGuard.ApprovalVerdict verdict = guard.mayApprove(action, facts.of(run), approver, earlier);
            if (!verdict.allowed()) {
                store.note(run, DECISION_REFUSED, approver, "approval refused: " + verdict.reason());
                return new Attempt(run, false, verdict.reason());
            }
            Instant now = clock.instant();
            addOrReplace(decisions, runId, new RunDecision(approver, channel, RunDecision.APPROVE, comment, now));
            String said = comment == null ? "" : ": " + comment;
            if (!verdict.complete()) {
                store.note(run, APPROVAL_RECORDED, approver, "approval " + (earlier.size() + 1) + " recorded"
                        + (verdict.reason() == null ? "" : "; " + verdict.reason()) + said);
                return new Attempt(store.find(runId).orElseThrow(), false, null);
            }
            List<String> approvers = new java.util.ArrayList<>(earlier);
            approvers.add(approver);
            store.move(runId, Move.of(ActionRunState.AWAITING_APPROVAL, ActionRunState.APPROVED).by(approver)
                    .because("approved by " + String.join(", ", approvers) + " via " + channel + said)
                    .set(RunColumn.EXPIRES_AT, now.plus(proposals.approvalExpiry(action))));
            return new Attempt(store.find(runId).orElseThrow(), true, null);
        });
        if (attempt.refusal() != null) {
            throw new ActionRunRefused("approver", approver + " may not approve this run: " + attempt.refusal());
        }
        return new Decided(attempt.run(), attempt.moved());
    }

    /** Rejects a run awaiting approval; needs the right to approve it, or being its proposer. */
    public ActionRun reject(DecisionRequest request) {
        return end(request.runId(), request.person(), request.channel(), request.comment(), RunDecision.REJECT, ActionRunState.REJECTED,
                EnumSet.of(ActionRunState.AWAITING_APPROVAL));
    }

    /** Cancels a run that has not started (proposed, awaiting approval or approved); the same right as rejecting. */
    public ActionRun cancel(DecisionRequest request) {
        return end(request.runId(), request.person(), request.channel(), request.comment(), RunDecision.CANCEL, ActionRunState.CANCELLED, CANCELLABLE);
    }

    private ActionRun end(String runId, String person, String channel, String comment, String decision,
                          ActionRunState to, Set<ActionRunState> from) {
        Attempt attempt = transactions.execute(status -> {
            ActionRunState state = store.lock(runId).orElseThrow(() -> new ActionRunNotFound(runId));
            ActionRun run = store.find(runId).orElseThrow();
            List<RunDecision> decisions = store.decisions(runId);
            if (state == to && decided(decisions, person, decision)) {
                return new Attempt(run, false, null);
            }
            if (!from.contains(state)) {
                throw wrongState(state, to == ActionRunState.REJECTED ? "rejected" : "cancelled",
                        String.join(" or ", from.stream().map(ActionRunState::id).toList()));
            }
            RemediationGuard.Verdict verdict = guard.mayReject(action(run), facts.of(run), person);
            if (!verdict.allowed()) {
                store.note(run, DECISION_REFUSED, person, decision + " refused: " + verdict.reason());
                return new Attempt(run, false, verdict.reason());
            }
            addOrReplace(decisions, runId, new RunDecision(person, channel, decision, comment, clock.instant()));
            store.move(runId, Move.of(state, to).by(person)
                    .because((to == ActionRunState.REJECTED ? "rejected" : "cancelled") + " by " + person + " via " + channel
                            + (comment == null ? "" : ": " + comment)));
            return new Attempt(run, true, null);
        });
        if (attempt.refusal() != null) {
            throw new ActionRunRefused("approver", person + " may not " + decision + " this run: " + attempt.refusal());
        }
        return attempt.moved() ? endings.ended(runId) : attempt.run();
    }

    private ActionDefinition action(ActionRun run) {
        return catalog.get(run.actionId()).orElseThrow(() -> new ActionRunConflict("actionId",
                "action " + run.actionId() + " is no longer in the catalog"));
    }

    private void addOrReplace(List<RunDecision> decisions, String runId, RunDecision decision) {
        boolean earlier = decisions.stream().anyMatch(d -> d.decidedBy().equals(decision.decidedBy()));
        if (earlier) {
            store.replaceDecision(runId, decision);
        } else {
            store.addDecision(runId, decision);
        }
    }

    private static boolean decided(List<RunDecision> decisions, String person, String decision) {
        return decisions.stream().anyMatch(d -> d.decidedBy().equals(person) && d.decision().equals(decision));
    }

    private static ActionRunConflict wrongState(ActionRunState state, String verb, String needed) {
        return new ActionRunConflict("state", "is " + state.id() + "; only a run that is " + needed + " can be " + verb);
    }

    /** The outcome inside the transaction; a refusal is thrown after it committed the note. */
    private record Attempt(ActionRun run, boolean moved, String refusal) { }
}
