package io.aiopshub.chat.approval;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.redact.Redactor;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.ActionRunStore;
import io.aiopshub.remediation.run.RunDecision;

/**
 * Builds the {@link ApprovalMessage} of a run as it is now: every text from the run, its incident and the
 * catalog passes the {@link Redactor}; the dry run is shortened and linked in full.
 */
@Component
public class ApprovalMessages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int MAX_VALUE = 200;
    private static final int MAX_REASON = 300;

    private final ActionRunStore runs;
    private final ActionCatalog catalog;
    private final ApprovalStore store;
    private final Redactor redactor;
    private final JdbcTemplate jdbc;
    private final ChatApprovalProperties properties;

    public ApprovalMessages(ActionRunStore runs, ActionCatalog catalog, ApprovalStore store, Redactor redactor,
                            JdbcTemplate jdbc, ChatApprovalProperties properties) {
        this.runs = runs;
        this.catalog = catalog;
        this.store = store;
        this.redactor = redactor;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public ApprovalMessage of(ActionRun run) {
        String title = run.incidentId() == null ? "" : jdbc.queryForList("select title from incidents where id = ?",
                String.class, run.incidentId()).stream().findFirst().orElse("");
        String description = catalog.get(run.actionId()).map(ActionDefinition::description).orElse("");
        Map<String, String> parameters = new LinkedHashMap<>();
        run.parameters().forEach((k, v) -> parameters.put(k, cut(redactor.redactValue(k, String.valueOf(v)), MAX_VALUE)));
        return new ApprovalMessage(run.id(), store.callbackId(run.id()), run.incidentId(), clean(title),
                run.actionId(), clean(description), run.risk().name().toLowerCase(java.util.Locale.ROOT), clean(run.target()),
                parameters, dryRun(run), dryRunLink(run.id()), run.state(), statusLine(run, runs.decisions(run.id())));
    }

    /** Where the whole run, dry run included, can be read: the API's run resource. */
    public String dryRunLink(String runId) {
        String base = properties.getLinkBaseUrl() == null ? "" : properties.getLinkBaseUrl().replaceAll("/+$", "");
        return base + "/api/v1/actions/" + runId;
    }

    private String dryRun(ActionRun run) {
        String text = run.dryRun() == null ? "(no dry run yet)" : redactor.redact(run.dryRun());
        String verdict = run.dryRunSucceeded() == null ? "" : run.dryRunSucceeded() ? "succeeded: " : "FAILED: ";
        return cut(verdict + text, Math.max(40, properties.getDryRunExcerptLength()));
    }

    /** Who decided what and when, and how the run ended; empty while nobody decided. */
    String statusLine(ActionRun run, List<RunDecision> decisions) {
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
                line.append(": ").append(cut(clean(d.comment()), MAX_REASON));
            }
        });
        ActionRunState state = run.state();
        switch (state) {
            case AWAITING_APPROVAL -> {
                if (!approvals.isEmpty()) {
                    separate(line).append("waiting for another approver");
                }
            }
            case APPROVED -> separate(line).append("Approved; waiting to start");
            case RUNNING -> separate(line).append("Running since ").append(time(run.startedAt()));
            case VERIFYING -> separate(line).append("Executed; verifying");
            case PROPOSED -> { }
            case REJECTED, CANCELLED -> { }
            case EXPIRED -> separate(line).append("Expired at ").append(time(run.finishedAt())).append(" without a decision");
            default -> separate(line).append("Run ").append(state.id().replace('_', ' ')).append(" at ")
                    .append(time(run.finishedAt())).append(": ").append(cut(clean(run.stateReason()), MAX_REASON));
        }
        return line.toString();
    }

    private static StringBuilder separate(StringBuilder line) {
        return line.isEmpty() ? line : line.append(". ");
    }

    private static String time(Instant instant) {
        return instant == null ? "?" : TIME.format(instant);
    }

    private String clean(String text) {
        return text == null ? "" : redactor.redact(text);
    }

    static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
