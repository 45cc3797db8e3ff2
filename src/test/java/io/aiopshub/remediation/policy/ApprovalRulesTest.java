package io.aiopshub.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.RemediationGuard.ApprovalVerdict;
import io.aiopshub.remediation.RemediationGuard.Verdict;
import io.aiopshub.remediation.catalog.Risk;

/** Who may approve and reject, from policies read by the real loader. */
class ApprovalRulesTest {

    final RemediationPolicyLoader loader = new RemediationPolicyLoader(TestCatalog.load());
    final RemediationPolicy policy = loader.parseText("""
            approvers:
              low: [carol]
              medium: [alice, "slack:U024BE7LH"]
              high: [alice, "api:bob", "telegram:123456789", dave]
            """, "test.yaml");

    @Test
    void withNobodyListedNobodyMayApproveAnything() {
        RemediationPolicy shipped = loader.parseText("approvers: {low: [], medium: [], high: []}\n", "t.yaml");
        for (Risk risk : Risk.values()) {
            ApprovalVerdict verdict = ApprovalRules.mayApprove(shipped, risk, "analysis", "alice", List.of());
            assertThat(verdict.allowed()).as(risk.name()).isFalse();
            assertThat(verdict.complete()).isFalse();
            assertThat(verdict.reason()).contains("may not approve").contains("approvers." + ApprovalRules.tier(risk));
        }
        assertThat(ApprovalRules.mayApprove(loader.parseText("{}\n", "t.yaml"), Risk.LOW, "x", "alice", List.of()).allowed())
                .as("no approvers section at all").isFalse();
    }

    @Test
    void tiersAreNotCumulative() {
        assertThat(ApprovalRules.mayApprove(policy, Risk.LOW, "analysis", "alice", List.of()).allowed())
                .as("alice is listed for medium and high, not low").isFalse();
        assertThat(ApprovalRules.mayApprove(policy, Risk.MEDIUM, "analysis", "bob", List.of()).allowed())
                .as("bob is listed for high only").isFalse();
        assertThat(ApprovalRules.mayApprove(policy, Risk.HIGH, "analysis", "carol", List.of()).allowed())
                .as("carol is listed for low only").isFalse();
    }

    @Test
    void oneListedApproverCompletesALowOrMediumRun() {
        assertThat(ApprovalRules.mayApprove(policy, Risk.LOW, "analysis", "carol", List.of()))
                .isEqualTo(new ApprovalVerdict(true, true, null));
        assertThat(ApprovalRules.mayApprove(policy, Risk.MEDIUM, "analysis", "api:alice", List.of()))
                .isEqualTo(new ApprovalVerdict(true, true, null));
        assertThat(ApprovalRules.mayApprove(policy, Risk.MEDIUM, "analysis", "slack:U024BE7LH", List.of()).complete()).isTrue();
        assertThat(ApprovalRules.mayApprove(policy, Risk.MEDIUM, "analysis", "slack:U999", List.of()).allowed()).isFalse();
        // Only high has the proposer rule: a person may approve the medium run they proposed.
        assertThat(ApprovalRules.mayApprove(policy, Risk.MEDIUM, "alice", "alice", List.of()).complete()).isTrue();
    }

    @Test
    void highNeedsTwoDifferentApprovers() {
        ApprovalVerdict first = ApprovalRules.mayApprove(policy, Risk.HIGH, "analysis", "alice", List.of());
        assertThat(first.allowed()).isTrue();
        assertThat(first.complete()).isFalse();
        assertThat(first.reason()).contains("1 of 2");

        ApprovalVerdict second = ApprovalRules.mayApprove(policy, Risk.HIGH, "analysis", "telegram:123456789", List.of("alice"));
        assertThat(second).isEqualTo(new ApprovalVerdict(true, true, null));
    }

    @Test
    void theSamePersonTwiceNeverCountsHoweverSpelt() {
        for (String again : List.of("alice", "api:alice")) {
            ApprovalVerdict verdict = ApprovalRules.mayApprove(policy, Risk.HIGH, "analysis", again, List.of("alice"));
            assertThat(verdict.allowed()).as(again).isFalse();
            assertThat(verdict.complete()).isFalse();
            assertThat(verdict.reason()).contains("already approved");
        }
        ApprovalVerdict bob = ApprovalRules.mayApprove(policy, Risk.HIGH, "analysis", "bob",
                List.of("api:alice", "alice", "api:alice"));
        assertThat(bob.complete()).as("alice three times is one approver; bob is the second").isTrue();
        assertThat(ApprovalRules.mayApprove(policy, Risk.MEDIUM, "analysis", "alice", List.of("api:alice")).allowed()).isFalse();
    }

    @Test
    void theProposerMayNotApproveTheirOwnHighRunNorCountAsAnApprover() {
        ApprovalVerdict own = ApprovalRules.mayApprove(policy, Risk.HIGH, "alice", "api:alice", List.of());
        assertThat(own.allowed()).isFalse();
        assertThat(own.reason()).contains("proposed this run");
        assertThat(ApprovalRules.mayApprove(policy, Risk.HIGH, "telegram:123456789", "telegram:123456789", List.of()).allowed())
                .isFalse();
        // An approval the proposer somehow gave earlier does not make bob's the second.
        assertThat(ApprovalRules.mayApprove(policy, Risk.HIGH, "alice", "bob", List.of("alice")).complete()).isFalse();
        assertThat(ApprovalRules.mayApprove(policy, Risk.HIGH, "alice", "dave", List.of("bob")).complete()).isTrue();
    }

    @Test
    void anEarlierApproverNoLongerListedDoesNotCount() {
        RemediationPolicy edited = loader.parseText("approvers: {high: [alice, bob]}\n", "t.yaml");
        ApprovalVerdict verdict = ApprovalRules.mayApprove(edited, Risk.HIGH, "analysis", "bob", List.of("dave"));
        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.complete()).as("dave was removed from the policy after approving").isFalse();
    }

    @Test
    void anApprovalWithoutAnIdentityIsRefused() {
        assertThat(ApprovalRules.mayApprove(policy, Risk.LOW, "analysis", " ", List.of()).allowed()).isFalse();
        assertThat(ApprovalRules.mayApprove(policy, Risk.LOW, "analysis", null, List.of()).allowed()).isFalse();
    }

    @Test
    void listedApproversMayRejectAndTheProposerMayWithdraw() {
        assertThat(ApprovalRules.mayReject(policy, Risk.HIGH, "analysis", "bob")).isEqualTo(Verdict.allow());
        assertThat(ApprovalRules.mayReject(policy, Risk.HIGH, "erin", "api:erin")).as("withdrawing one's own").isEqualTo(Verdict.allow());
        Verdict stranger = ApprovalRules.mayReject(policy, Risk.HIGH, "analysis", "carol");
        assertThat(stranger.allowed()).isFalse();
        assertThat(stranger.reason()).contains("may not reject high-risk");
        assertThat(ApprovalRules.mayReject(policy, Risk.LOW, "analysis", "").allowed()).isFalse();
    }

    @Test
    void autoRunRulesMatchTheirActionAndEveryMatcher() {
        RemediationPolicy auto = loader.parseText("""
                auto_run:
                  - action: start_vm
                    matchers: ['alertname="VMDown"', 'env=~"lab|staging"', 'team!="db"']
                """, "t.yaml");
        assertThat(auto.autoRunRule("start_vm", Map.of("alertname", "VMDown", "env", "lab"))).isPresent();
        assertThat(auto.autoRunRule("start_vm", Map.of("alertname", "VMDown", "env", "staging", "team", "web"))).isPresent();
        assertThat(auto.autoRunRule("start_vm", Map.of("alertname", "VMDown", "env", "prod"))).isEmpty();
        assertThat(auto.autoRunRule("start_vm", Map.of("alertname", "VMDown", "env", "lab", "team", "db"))).isEmpty();
        assertThat(auto.autoRunRule("start_vm", Map.of("alertname", "VMDown", "env", "lab-2"))).as("anchored regex").isEmpty();
        assertThat(auto.autoRunRule("start_vm", Map.of())).as("no incident").isEmpty();
        assertThat(auto.autoRunRule("flush_cache", Map.of("alertname", "VMDown", "env", "lab"))).isEmpty();
        assertThat(loader.parseText("{}\n", "t.yaml").autoRunRule("start_vm", Map.of("alertname", "VMDown", "env", "lab")))
                .as("none by default").isEmpty();
    }
}
