package io.aiopshub.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiopshub.redact.Redactor;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.catalog.Risk;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.ProposerKind;
import io.aiopshub.remediation.run.RunDecision;

class RunStatusLineTest {

    private static final Instant T1 = Instant.parse("2026-11-29T10:31:00Z");
    private static final Instant T2 = Instant.parse("2026-11-29T10:40:00Z");
    private final RunStatusLine line = new RunStatusLine(new Redactor());

    @Test
    void nothingWhileNobodyDecided() {
        assertThat(line.of(run(ActionRunState.AWAITING_APPROVAL, null, null), List.of())).isEmpty();
    }

    @Test
    void oneOfTwoApprovalsWaitsForTheSecond() {
        assertThat(line.of(run(ActionRunState.AWAITING_APPROVAL, null, null), List.of(approval("telegram:42", T1))))
                .isEqualTo("Approved by telegram:42 at 2026-11-29 10:31 UTC. Waiting for another approver");
    }

    @Test
    void anEndedRunSaysWhoApprovedAndHowItEnded() {
        assertThat(line.of(run(ActionRunState.SUCCEEDED, "verified: alerts_resolved: holds", T2),
                List.of(approval("telegram:42", T1), approval("slack:U024BE7LH", T1))))
                .isEqualTo("Approved by telegram:42 at 2026-11-29 10:31 UTC, slack:U024BE7LH at 2026-11-29 10:31 UTC. "
                        + "Run succeeded at 2026-11-29 10:40 UTC: verified: alerts_resolved: holds");
        assertThat(line.of(run(ActionRunState.ROLLED_BACK, "verify failed; rolled back", T2), List.of(approval("bob", T1))))
                .endsWith("Run rolled back at 2026-11-29 10:40 UTC: verify failed; rolled back");
    }

    @Test
    void aRejectionShowsItsRedactedReasonAndAnExpirySaysNobodyDecided() {
        assertThat(line.of(run(ActionRunState.REJECTED, "rejected", T2), List.of(new RunDecision("telegram:43", "telegram",
                RunDecision.REJECT, "not now, db_password=hunter2", T1))))
                .isEqualTo("Rejected by telegram:43 at 2026-11-29 10:31 UTC: not now, db_password=[REDACTED:password]");
        assertThat(line.of(run(ActionRunState.EXPIRED, "expired", T2), List.of()))
                .isEqualTo("Expired at 2026-11-29 10:40 UTC without a decision");
    }

    private static RunDecision approval(String who, Instant at) {
        return new RunDecision(who, who.contains(":") ? who.substring(0, who.indexOf(':')) : "api", RunDecision.APPROVE, null, at);
    }

    private static ActionRun run(ActionRunState state, String reason, Instant finished) {
        return new ActionRun("8d0c41b2-0000-0000-0000-000000000001", null, "restart_service_ssh", "ssh", Risk.MEDIUM, "web-01",
                Map.of("host", "web-01"), "alice", ProposerKind.PERSON, "k", state, reason, T1, T1, null, "dry", true, null,
                null, null, Map.of(), null, null, null, null, finished);
    }
}
