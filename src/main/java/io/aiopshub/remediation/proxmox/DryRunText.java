package io.aiopshub.remediation.proxmox;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dry run's sentence: the guest's current status and what the operation will change, e.g. "vm 104 (web-01)
 * on pve-01 is running; reboot will restart it (...)". Shown to the approver before anything runs.
 */
final class DryRunText {

    private DryRunText() {
    }

    static String describe(ProxmoxRun run, JsonNode status, JsonNode snapshotList, String rollbackSnapshot) {
        boolean running = "running".equals(status.path("status").asText());
        String text = current(run.guest(), status) + "; " + effect(run, running, snapshotList);
        if (rollbackSnapshot != null) {
            text += "; snapshot " + rollbackSnapshot + " is taken first, so a failed verify can roll back to it";
        }
        return text;
    }

    /** "vm 104 (web-01) on pve-01 is running, locked (backup)". */
    static String current(Guest guest, JsonNode status) {
        String state = status == null ? "" : status.path("status").asText("");
        String text = guest.label(status == null ? null : status.path("name").asText(null))
                + (state.isEmpty() ? " has no status" : " is " + state);
        String lock = status == null ? "" : status.path("lock").asText("");
        return lock.isEmpty() ? text : text + ", locked (" + lock + "): Proxmox refuses most operations until the lock is gone";
    }

    private static String effect(ProxmoxRun run, boolean running, JsonNode snapshotList) {
        String waits = run.timeoutSeconds() == null ? "" : ", waiting up to " + run.timeoutSeconds() + " s for the guest";
        return switch (run.operation()) {
            case STATUS -> "reading the status changes nothing";
            case SNAPSHOT_LIST -> "listing its snapshots changes nothing";
            case START -> running ? "it is already running: start has nothing to do" : "start will boot it";
            case STOP -> running ? "stop will power it off at once, like pulling the plug" : "it is already stopped: stop has nothing to do";
            case SHUTDOWN -> running
                    ? "shutdown will ask the guest OS to power off" + waits
                      + (Boolean.TRUE.equals(run.forceStop()) ? ", then stop it hard if it is still running" : "")
                    : "it is already stopped: shutdown has nothing to do";
            case REBOOT -> running
                    ? "reboot will restart it (clean shutdown through ACPI or the guest agent, then start" + waits + ")"
                    : "reboot needs a running guest: the task would fail";
            case SNAPSHOT_CREATE -> "snapshot " + run.snapname() + " will be taken of its disks and configuration";
            case SNAPSHOT_ROLLBACK -> rollbackEffect(run, running, snapshotList);
        };
    }

    private static String rollbackEffect(ProxmoxRun run, boolean running, JsonNode snapshotList) {
        List<String> existing = snapshots(snapshotList);
        String text = "rollback will return its disks and configuration to snapshot " + run.snapname()
                + ", discarding every change since" + (running ? " (the running guest is stopped for it)" : "")
                + (Boolean.TRUE.equals(run.start()) ? ", and start it afterwards" : "");
        if (!existing.contains(run.snapname())) {
            text += "; but there is no snapshot " + run.snapname() + " ("
                    + (existing.isEmpty() ? "it has none" : "it has " + String.join(", ", existing)) + "): the rollback would fail";
        }
        return text;
    }

    /** Snapshot names of a {@code GET .../snapshot} answer, without Proxmox's "current" pseudo-entry. */
    static List<String> snapshots(JsonNode list) {
        List<String> names = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(s -> {
                String name = s.path("name").asText("");
                if (!name.isEmpty() && !"current".equals(name)) {
                    names.add(name);
                }
            });
        }
        return names;
    }
}
