package io.aiopshub.remediation.executor;

/** What the runner asks an executor route to do with an action. */
public enum ExecutorPhase {
    /** Show what would happen, change nothing: Ansible --check --diff, the exact SSH command and host key, current state. */
    DRY_RUN,
    /** Just before EXECUTE, record what a rollback needs (a Proxmox snapshot); a no-op where nothing is needed. */
    PREPARE,
    /** Carry the action out. */
    EXECUTE,
    /** Run the catalog's {@code verify.check}: succeeded means the check holds now. Changes nothing. */
    CHECK,
    /** Undo the action as the catalog's {@code rollback} says, using the state PREPARE/EXECUTE returned. */
    ROLLBACK
}
