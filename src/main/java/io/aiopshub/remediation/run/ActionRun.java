package io.aiopshub.remediation.run;

import java.time.Instant;
import java.util.Map;

import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.catalog.Risk;

/**
 * One row of {@code action_runs}: a catalog action with validated parameters on its way through the
 * states of {@link ActionRunState}. Texts (dry run, output, verify result, rollback output) are stored
 * redacted and truncated.
 *
 * @param executorState what PREPARE/EXECUTE returned for later phases (a snapshot name), empty before
 * @param claimedBy     the instance running or verifying it
 */
public record ActionRun(
        String id,
        String incidentId,
        String actionId,
        String executor,
        Risk risk,
        String target,
        Map<String, Object> parameters,
        String proposedBy,
        ProposerKind proposerKind,
        String idempotencyKey,
        ActionRunState state,
        String stateReason,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        String dryRun,
        Boolean dryRunSucceeded,
        String output,
        String verifyResult,
        String rollbackOutput,
        Map<String, String> executorState,
        String claimedBy,
        Instant leaseUntil,
        Instant startedAt,
        Instant verifyDeadline,
        Instant finishedAt) {

    public ActionRun {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        executorState = executorState == null ? Map.of() : Map.copyOf(executorState);
    }
}
