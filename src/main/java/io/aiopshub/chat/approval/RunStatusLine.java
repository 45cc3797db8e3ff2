package io.aiopshub.chat.approval;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.aiopshub.redact.Redactor;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.RunDecision;

/** The status line of an approval message: who decided what and when, and how the run ended. */
final class RunStatusLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int MAX_REASON = 300;

    private final Redactor redactor;

    RunStatusLine(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Empty while nobody decided and the run awaits approval. */
    String of(ActionRun run, List<RunDecision> decisions) {
        List<RunDecision> approvals = decisions.stream().filter(d -> RunDecision.APPROVE.equals(d.decision())).toList();
        StringBuilder line = new StringBuilder();
        if (!approvals.isEmpty()) {
            line.append("Approved by ").append(String.join(", ", approvals.stream()
                    .map(d -> d.decidedBy() + " at " + TIME.format(d.decidedAt())).toList()));
        }
        decisions.stream().filter(d -> !RunDecision.APPROVE.equals(d.decision())).forEach(d -> {
            separate(line).append(RunDecision.REJECT.equals(d.decision()) ? "Rejected" : "Cancelled").append(" by ")
                    .append(d.decidedBy()).append(" at ").append(TIME.format(d.decidedAt()));
            if (d.comment() != null && !d.comment().isBlank()) {
                line.append(": ").append(clean(d.comment()));
            }
        });
        ActionRunState state = run.state();
        switch (state) {
            case AWAITING_APPROVAL -> {
                if (!approvals.isEmpty()) {
                    separate(line).append("Waiting for another approver");
                }
            }
            case APPROVED -> separate(line).append("Waiting to start");
            case RUNNING -> separate(line).append("Running since ").append(time(run.startedAt()));
            case VERIFYING -> separate(line).append("Executed; verifying");
            case PROPOSED, REJECTED, CANCELLED -> { }
            case EXPIRED -> separate(line).append("Expired at ").append(time(run.finishedAt())).append(" without a decision");
            default -> separate(line).append("Run ").append(state.id().replace('_', ' ')).append(" at ")
                    .append(time(run.finishedAt())).append(": ").append(clean(run.stateReason()));
        }
        return line.toString();
    }

    private String clean(String text) {
        return text == null ? "" : ApprovalMessages.cut(redactor.redact(text), MAX_REASON);
    }

    private static StringBuilder separate(StringBuilder line) {
        return line.isEmpty() ? line : line.append(". ");
    }

    private static String time(Instant instant) {
        return instant == null ? "?" : TIME.format(instant);
    }
}
