package io.aiopshub.chat.approval;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.redact.Redactor;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.ActionRunStore;

/**
 * Builds the {@link ApprovalMessage} of a run as it is now: every text from the run, its incident and the
 * catalog passes the {@link Redactor}; the dry run is shortened and linked in full.
 */
@Component
public class ApprovalMessages {

    private static final int MAX_VALUE = 200;

    private final ActionRunStore runs;
    private final ActionCatalog catalog;
    private final ApprovalStore store;
    private final Redactor redactor;
    private final JdbcTemplate jdbc;
    private final ChatApprovalProperties properties;
    private final RunStatusLine status;

    public ApprovalMessages(ActionRunStore runs, ActionCatalog catalog, ApprovalStore store, Redactor redactor,
                            JdbcTemplate jdbc, ChatApprovalProperties properties) {
        this.runs = runs;
        this.catalog = catalog;
        this.store = store;
        this.redactor = redactor;
        this.jdbc = jdbc;
        this.properties = properties;
        this.status = new RunStatusLine(redactor);
    }

    public ApprovalMessage of(ActionRun run) {
        String title = run.incidentId() == null ? "" : jdbc.queryForList("select title from incidents where id = ?",
                String.class, run.incidentId()).stream().findFirst().orElse("");
        String description = catalog.get(run.actionId()).map(ActionDefinition::description).orElse("");
        Map<String, String> parameters = new LinkedHashMap<>();
        run.parameters().forEach((k, v) -> parameters.put(k, cut(redactor.redactValue(k, String.valueOf(v)), MAX_VALUE)));
        return new ApprovalMessage(run.id(), store.callbackId(run.id()), run.incidentId(), clean(title),
                run.actionId(), clean(description), run.risk().name().toLowerCase(java.util.Locale.ROOT), clean(run.target()),
                parameters, dryRun(run), dryRunLink(run.id()), run.state(), status.of(run, runs.decisions(run.id())));
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
