package io.aiopshub.remediation.proxmox;

import java.util.regex.Pattern;

/**
 * What the last poll of a task said. Proxmox marks a finished task {@code stopped}; its {@code exitstatus} is
 * {@code OK}, {@code WARNINGS: n} or the error message.
 */
record TaskState(Upid upid, String status, String exitStatus, int polls) {

    private static final Pattern WARNINGS = Pattern.compile("WARNINGS: \\d+");

    static TaskState started(Upid upid) {
        return new TaskState(upid, "running", null, 0);
    }

    TaskState polled(String status, String exitStatus) {
        return new TaskState(upid, status, exitStatus, polls + 1);
    }

    boolean stopped() {
        return "stopped".equals(status);
    }

    /** Only {@code OK} and {@code WARNINGS: n} are success; anything else (even an empty exit status) failed. */
    boolean succeeded() {
        return stopped() && exitStatus != null && ("OK".equals(exitStatus) || WARNINGS.matcher(exitStatus).matches());
    }

    @Override
    public String toString() {
        return "task " + upid + ": " + status + (exitStatus == null ? "" : ", exit status " + exitStatus);
    }
}
