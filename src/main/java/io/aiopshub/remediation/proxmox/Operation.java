package io.aiopshub.remediation.proxmox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a catalog action asks of Proxmox VE ({@code run.operation}), with the extra {@code run} keys each accepts.
 * Every operation also needs {@code node}, {@code vmid} and {@code type}.
 */
enum Operation {
    STATUS(false, Set.of(), Set.of()),
    START(true, Set.of(), Set.of()),
    SHUTDOWN(true, Set.of(), Set.of(ProxmoxRun.TIMEOUT, ProxmoxRun.FORCE_STOP)),
    STOP(true, Set.of(), Set.of()),
    REBOOT(true, Set.of(), Set.of(ProxmoxRun.TIMEOUT)),
    SNAPSHOT_LIST(false, Set.of(), Set.of()),
    SNAPSHOT_CREATE(true, Set.of(ProxmoxRun.SNAPNAME), Set.of()),
    SNAPSHOT_ROLLBACK(true, Set.of(ProxmoxRun.SNAPNAME), Set.of(ProxmoxRun.START));

    private final boolean changesGuest;
    private final Set<String> requiredKeys;
    private final Set<String> optionalKeys;

    Operation(boolean changesGuest, Set<String> requiredKeys, Set<String> optionalKeys) {
        this.changesGuest = changesGuest;
        this.requiredKeys = requiredKeys;
        this.optionalKeys = optionalKeys;
    }

    /** The catalog spelling, e.g. {@code snapshot_rollback}. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Words for summaries: "snapshot rollback". */
    String words() {
        return id().replace('_', ' ');
    }

    /** Whether the operation starts a task that changes the guest (a POST answered with a UPID). */
    boolean changesGuest() {
        return changesGuest;
    }

    Set<String> requiredKeys() {
        return requiredKeys;
    }

    Set<String> optionalKeys() {
        return optionalKeys;
    }

    static Optional<Operation> of(String id) {
        return Arrays.stream(values()).filter(o -> o.id().equals(id)).findFirst();
    }

    static String ids() {
        return String.join("|", Arrays.stream(values()).map(Operation::id).toList());
    }
}
