package io.aiopshub.remediation.executor;

import java.time.Duration;
import java.util.Map;

import io.aiopshub.remediation.catalog.ActionDefinition;

/**
 * The body an executor route ({@code direct:executor-<name>}) receives.
 *
 * @param runId      the action run, for names of temporary files, snapshots and comments
 * @param phase      what to do
 * @param action     the catalog entry; its {@code run}, {@code verify.check} and {@code rollback} are in the
 *                   executor's own terms
 * @param parameters the run's parameters, already validated against the action's schema
 * @param state      what earlier phases of this run returned in {@link ExecutorResult#state()} (for
 *                   example the snapshot name PREPARE took); empty for DRY_RUN
 * @param timeout    the hard limit for this call; the executor must give up (and say so) when it passes
 */
public record ExecutorRequest(
        String runId,
        ExecutorPhase phase,
        ActionDefinition action,
        Map<String, Object> parameters,
        Map<String, String> state,
        Duration timeout) {

    public ExecutorRequest {
        parameters = Map.copyOf(parameters);
        state = state == null ? Map.of() : Map.copyOf(state);
    }
}
