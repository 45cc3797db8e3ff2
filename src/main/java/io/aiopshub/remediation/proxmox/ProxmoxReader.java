package io.aiopshub.remediation.proxmox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.remediation.catalog.Templates;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * Stage "read the result": turns the answers and the task of a phase into the runner's {@link ExecutorResult},
 * in sentences an operator reads on the timeline.
 */
final class ProxmoxReader {

    private ProxmoxReader() {
    }

    static ExecutorResult read(ProxmoxJob job) {
        if (job.result() != null) {
            return job.result();
        }
        ProxmoxRun run = job.run();
        String output = output(job);
        return switch (job.request().phase()) {
            case DRY_RUN -> ExecutorResult.success(DryRunText.describe(run, job.answers().get(0),
                    job.answers().size() > 1 ? job.answers().get(1) : null, job.snapshot()), output);
            case PREPARE -> taskOutcome(job, output, Map.of(ProxmoxPlanner.SNAPSHOT_STATE, job.snapshot()));
            case EXECUTE -> execute(job, output);
            case CHECK -> check(job, output);
            case ROLLBACK -> taskOutcome(job, output, Map.of());
        };
    }

    private static ExecutorResult execute(ProxmoxJob job, String output) {
        ProxmoxRun run = job.run();
        JsonNode answer = job.answers().get(0);
        return switch (run.operation()) {
            case STATUS -> ExecutorResult.success(DryRunText.current(run.guest(), answer), output);
            case SNAPSHOT_LIST -> ExecutorResult.success(run.guest().label() + " has "
                    + (DryRunText.snapshots(answer).isEmpty() ? "no snapshots" : "snapshots " + String.join(", ", DryRunText.snapshots(answer))),
                    output);
            default -> taskOutcome(job, output, Map.of());
        };
    }

    private static ExecutorResult check(ProxmoxJob job, String output) {
        Object wanted = job.request().action().verify().check().get(ProxmoxSpecCheck.CHECK_STATUS);
        String expected = Templates.fill(String.valueOf(wanted), job.request().parameters());
        JsonNode status = job.answers().get(0);
        String actual = status == null ? null : status.path("status").asText(null);
        String text = DryRunText.current(job.run().guest(), status) + " (expected " + expected + ")";
        return new ExecutorResult(expected.equals(actual), text, output, Map.of());
    }

    /** The task's exit status decides: only OK and "WARNINGS: n" are success. */
    private static ExecutorResult taskOutcome(ProxmoxJob job, String output, Map<String, String> state) {
        String what = what(job);
        TaskState task = job.task();
        Map<String, String> facts = new LinkedHashMap<>(state);
        facts.put(ProxmoxPlanner.UPID_STATE, task.upid().value());
        if (!task.succeeded()) {
            String exit = task.exitStatus() == null || task.exitStatus().isBlank() ? "no exit status" : task.exitStatus();
            return new ExecutorResult(false, what + " failed: " + exit + " (task " + task.upid() + ")", output, Map.of(
                    ProxmoxPlanner.UPID_STATE, task.upid().value()));
        }
        String done = "OK".equals(task.exitStatus()) ? "done" : "done with " + task.exitStatus().toLowerCase(java.util.Locale.ROOT);
        return new ExecutorResult(true, what + " " + done + " (task " + task.upid() + ")", output, facts);
    }

    /** What the phase does, as the subject of its summary: "reboot of vm 104 on pve-01". */
    static String what(ProxmoxJob job) {
        ProxmoxRun run = job.run();
        Guest guest = run.guest();
        return switch (job.request().phase()) {
            case DRY_RUN -> "dry run of " + run.operation().words() + " for " + guest.label();
            case PREPARE -> "snapshot " + job.snapshot() + " of " + guest.label();
            case CHECK -> "status check of " + guest.label();
            case ROLLBACK -> "rollback of " + guest.label() + " to snapshot " + job.snapshot();
            case EXECUTE -> switch (run.operation()) {
                case SNAPSHOT_CREATE -> "snapshot " + run.snapname() + " of " + guest.label();
                case SNAPSHOT_ROLLBACK -> "rollback of " + guest.label() + " to snapshot " + run.snapname();
                default -> run.operation().words() + " of " + guest.label();
            };
        };
    }

    static String output(ProxmoxJob job) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < job.calls().size(); i++) {
            lines.add(job.calls().get(i).toString());
            if (job.answers() != null && i < job.answers().size()) {
                lines.add(String.valueOf(job.answers().get(i)));
            }
        }
        if (job.task() != null) {
            lines.add(job.task() + " after " + job.task().polls() + " poll(s)");
        }
        return String.join("\n", lines);
    }
}
