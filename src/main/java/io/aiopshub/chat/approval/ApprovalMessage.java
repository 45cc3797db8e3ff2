package io.aiopshub.chat.approval;

import java.util.Map;

import io.aiopshub.remediation.ActionRunState;

/**
 * What an approval message shows, built from a run and its incident. Every text is redacted and
 * shortened before it gets here; channels only lay it out.
 *
 * @param callbackId    short opaque id of this run for buttons (Telegram allows 64 bytes of callback data);
 *                      never parameters
 * @param dryRunExcerpt the redacted dry run, shortened
 * @param dryRunLink    where the full dry run can be read (the API or the console)
 * @param state         the run's state now: buttons are shown only while it awaits approval
 * @param statusLine    what happened so far ("Approved by slack:U024BE7LH at 10:31 UTC (1 of 2)",
 *                      "Run succeeded, verified at ..."); empty while nobody decided
 */
public record ApprovalMessage(String runId, String callbackId, String incidentId, String incidentTitle,
                              String actionId, String actionDescription, String risk, String target,
                              Map<String, String> parameters, String dryRunExcerpt, String dryRunLink,
                              ActionRunState state, String statusLine) {

    public ApprovalMessage {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    public boolean awaitingApproval() {
        return state == ActionRunState.AWAITING_APPROVAL;
    }
}
