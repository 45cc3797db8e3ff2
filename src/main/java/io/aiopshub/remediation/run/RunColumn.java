package io.aiopshub.remediation.run;

/** The columns of {@code action_runs} a move may set besides its state; a fixed list, so no SQL is built from input. */
public enum RunColumn {
    EXPIRES_AT("expires_at"),
    DRY_RUN("dry_run"),
    DRY_RUN_SUCCEEDED("dry_run_succeeded"),
    OUTPUT("output"),
    VERIFY_RESULT("verify_result"),
    ROLLBACK_OUTPUT("rollback_output"),
    EXECUTOR_STATE_JSON("executor_state_json"),
    CLAIMED_BY("claimed_by"),
    LEASE_UNTIL("lease_until"),
    STARTED_AT("started_at"),
    VERIFY_DEADLINE("verify_deadline");

    private final String column;

    RunColumn(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }
}
