package io.aiopshub.remediation.proxmox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * Stage "build the request": which API calls a phase needs. DRY_RUN and CHECK only read; PREPARE takes the
 * rollback snapshot; EXECUTE runs the operation; ROLLBACK returns to the snapshot PREPARE took.
 */
final class ProxmoxPlanner {

    /** Key of {@link ExecutorResult#state()} under which PREPARE hands the snapshot name to ROLLBACK. */
    static final String SNAPSHOT_STATE = "snapshot";
    static final String UPID_STATE = "upid";

    private ProxmoxPlanner() {
    }

    static ProxmoxJob plan(ExecutorRequest request, Instant deadline, List<String> missingSettings) {
        if (!missingSettings.isEmpty()) {
            return ProxmoxJob.finished(request, deadline, ExecutorResult.failure(
                    "proxmox executor is not configured: set " + String.join(", ", missingSettings), ""));
        }
        ActionDefinition action = request.action();
        ProxmoxRun run;
        try {
            run = ProxmoxRun.of(action.run(), request.parameters());
        } catch (IllegalArgumentException e) {
            return ProxmoxJob.finished(request, deadline, ExecutorResult.failure(
                    "action " + action.id() + " cannot run: " + e.getMessage(), ""));
        }
        Guest guest = run.guest();
        return switch (request.phase()) {
            case DRY_RUN -> {
                List<ApiCall> calls = new ArrayList<>(List.of(status(guest)));
                if (run.operation() == Operation.SNAPSHOT_ROLLBACK) {
                    calls.add(ApiCall.get(guest.path() + "/snapshot"));
                }
                yield ProxmoxJob.planned(request, deadline, run, rollbackSnapshotName(request), calls);
            }
            case PREPARE -> action.hasRollback()
                    ? ProxmoxJob.planned(request, deadline, run, snapshotName(request.runId()),
                            List.of(snapshotCreate(guest, snapshotName(request.runId()), "taken by aiops-hub before "
                                    + action.id() + " (run " + request.runId() + ")")))
                    : ProxmoxJob.finished(request, deadline, ExecutorResult.success(
                            "nothing to prepare: " + action.id() + " declares no rollback", ""));
            case EXECUTE -> ProxmoxJob.planned(request, deadline, run, run.snapname(), List.of(operation(run, request)));
            case CHECK -> action.verify() != null && action.verify().hasCheck()
                    ? ProxmoxJob.planned(request, deadline, run, null, List.of(status(guest)))
                    : ProxmoxJob.finished(request, deadline, ExecutorResult.failure(
                            "this action declares no check (" + action.id() + " has no verify.check)", ""));
            case ROLLBACK -> rollback(request, deadline, run);
        };
    }

    private static ProxmoxJob rollback(ExecutorRequest request, Instant deadline, ProxmoxRun run) {
        ActionDefinition action = request.action();
        if (!action.hasRollback()) {
            return ProxmoxJob.finished(request, deadline, ExecutorResult.failure(
                    "this action declares no rollback (" + action.id() + ")", ""));
        }
        String snapshot = request.state().get(SNAPSHOT_STATE);
        if (snapshot == null) {
            return ProxmoxJob.finished(request, deadline, ExecutorResult.failure("no snapshot of "
                    + run.guest().label() + " was taken before the action (state has no '" + SNAPSHOT_STATE
                    + "'): nothing to roll back to", ""));
        }
        try {
            ProxmoxRun.snapshot("state.snapshot", snapshot);
        } catch (IllegalArgumentException e) {
            return ProxmoxJob.finished(request, deadline, ExecutorResult.failure("cannot roll back: " + e.getMessage(), ""));
        }
        Map<String, String> form = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(action.rollback().get(ProxmoxRun.START))) {
            form.put("start", "1");
        }
        return ProxmoxJob.planned(request, deadline, run, snapshot,
                List.of(ApiCall.post(run.guest().path() + "/snapshot/" + snapshot + "/rollback", form)));
    }

    private static ApiCall operation(ProxmoxRun run, ExecutorRequest request) {
        Guest guest = run.guest();
        Map<String, String> form = new LinkedHashMap<>();
        return switch (run.operation()) {
            case STATUS -> status(guest);
            case SNAPSHOT_LIST -> ApiCall.get(guest.path() + "/snapshot");
            case SNAPSHOT_CREATE -> snapshotCreate(guest, run.snapname(), "taken by aiops-hub (run " + request.runId() + ")");
            case SNAPSHOT_ROLLBACK -> {
                if (Boolean.TRUE.equals(run.start())) {
                    form.put("start", "1");
                }
                yield ApiCall.post(guest.path() + "/snapshot/" + run.snapname() + "/rollback", form);
            }
            case SHUTDOWN -> {
                if (run.forceStop() != null) {
                    form.put("forceStop", run.forceStop() ? "1" : "0");
                }
                if (run.timeoutSeconds() != null) {
                    form.put("timeout", String.valueOf(run.timeoutSeconds()));
                }
                yield ApiCall.post(guest.path() + "/status/shutdown", form);
            }
            case REBOOT -> {
                if (run.timeoutSeconds() != null) {
                    form.put("timeout", String.valueOf(run.timeoutSeconds()));
                }
                yield ApiCall.post(guest.path() + "/status/reboot", form);
            }
            case START, STOP -> ApiCall.post(guest.path() + "/status/" + run.operation().id(), form);
        };
    }

    private static ApiCall status(Guest guest) {
        return ApiCall.get(guest.path() + "/status/current");
    }

    private static ApiCall snapshotCreate(Guest guest, String name, String description) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("snapname", name);
        form.put("description", description);
        return ApiCall.post(guest.path() + "/snapshot", form);
    }

    /** The snapshot a dry run announces when the action declares a rollback; null otherwise. */
    private static String rollbackSnapshotName(ExecutorRequest request) {
        return request.action().hasRollback() ? snapshotName(request.runId()) : null;
    }

    /**
     * {@code aiops-} and the run id's first 12 letters, digits or underscores: within Proxmox's 40
     * characters, and a name a person can trace back to the run.
     */
    static String snapshotName(String runId) {
        String id = runId == null ? "" : runId.replaceAll("[^A-Za-z0-9_]", "");
        return "aiops-" + (id.isEmpty() ? "run" : id.substring(0, Math.min(12, id.length())));
    }
}
