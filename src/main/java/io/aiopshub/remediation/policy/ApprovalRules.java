package io.aiopshub.remediation.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.aiopshub.remediation.RemediationGuard.ApprovalVerdict;
import io.aiopshub.remediation.RemediationGuard.Verdict;
import io.aiopshub.remediation.catalog.Risk;

/**
 * Who may approve or reject a run, by the policy in force. Default deny: only identities listed for the
 * action's risk tier may decide. {@code high} needs two different listed approvers, neither of them the
 * proposer; an approval counts once per person, however it is spelt ({@code alice} = {@code api:alice}).
 */
final class ApprovalRules {

    static final int HIGH_APPROVALS = 2;

    private ApprovalRules() { }

    static ApprovalVerdict mayApprove(RemediationPolicy policy, Risk risk, String proposedBy, String approver,
                                      List<String> earlierApprovers) {
        if (approver == null || approver.isBlank()) {
            return new ApprovalVerdict(false, false, "an approval needs the approver's identity");
        }
        String who = Identity.canonical(approver);
        if (!policy.mayApprove(risk, who)) {
            return new ApprovalVerdict(false, false, approver + " may not approve " + tier(risk)
                    + "-risk actions (not listed under approvers." + tier(risk) + " in the remediation policy)");
        }
        List<String> earlier = earlierApprovers == null ? List.of()
                : earlierApprovers.stream().filter(Objects::nonNull).map(Identity::canonical).distinct().toList();
        if (earlier.contains(who)) {
            return new ApprovalVerdict(false, false, approver + " already approved this run; the same person counts once");
        }
        if (risk != Risk.HIGH) {
            return new ApprovalVerdict(true, true, null);
        }
        String proposer = proposedBy == null ? null : Identity.canonical(proposedBy);
        if (who.equals(proposer)) {
            return new ApprovalVerdict(false, false, approver + " proposed this run and may not approve it: "
                    + "a high-risk run needs two approvers other than its proposer");
        }
        // Earlier approvals count only while their approver is still listed and is not the proposer.
        long others = earlier.stream().filter(e -> !e.equals(proposer) && policy.mayApprove(Risk.HIGH, e)).count();
        if (others + 1 >= HIGH_APPROVALS) {
            return new ApprovalVerdict(true, true, null);
        }
        return new ApprovalVerdict(true, false, "approval " + (others + 1) + " of " + HIGH_APPROVALS
                + ": a high-risk run needs a second, different approver");
    }

    /** The proposer may always withdraw their run; anyone else needs the right to approve its tier. */
    static Verdict mayReject(RemediationPolicy policy, Risk risk, String proposedBy, String person) {
        if (person == null || person.isBlank()) {
            return Verdict.deny("a rejection needs the identity of who rejects");
        }
        String who = Identity.canonical(person);
        if (proposedBy != null && who.equals(Identity.canonical(proposedBy))) {
            return Verdict.allow();
        }
        if (policy.mayApprove(risk, who)) {
            return Verdict.allow();
        }
        return Verdict.deny(person + " may not reject " + tier(risk) + "-risk actions (not listed under approvers."
                + tier(risk) + " in the remediation policy, and not the proposer)");
    }

    static String tier(Risk risk) {
        return risk.name().toLowerCase(Locale.ROOT);
    }
}
