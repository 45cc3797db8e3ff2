package io.aiopshub.remediation.mikrotik;

import io.aiopshub.remediation.executor.ExecutorRequest;

/** A request the executor will carry out against the router: the step to take and the call's deadline. */
public record MikrotikPlan(ExecutorRequest request, MikrotikStep step, Deadline deadline) {

    /** For logs and messages: {@code EXECUTE of mikrotik_block_ip (run 42)}. */
    public String describe() {
        return request.phase() + " of " + request.action().id() + " (run " + request.runId() + ")";
    }
}
