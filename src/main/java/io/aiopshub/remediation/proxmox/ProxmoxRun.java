package io.aiopshub.remediation.proxmox;

import java.util.Map;
import java.util.regex.Pattern;

import io.aiopshub.remediation.catalog.Templates;

/**
 * An action's {@code run} map with the run's parameters filled in and checked again: the values become parts
 * of API paths, so a value the catalog schema let through by mistake must still not reach the URL.
 *
 * @param timeoutSeconds how long shutdown/reboot wait for the guest (the API's {@code timeout}); null: the API default
 * @param forceStop      shutdown stops the guest hard when it has not powered off in time (the API's {@code forceStop})
 * @param snapname       the snapshot of snapshot_create and snapshot_rollback
 * @param start          snapshot_rollback starts the guest afterwards (the API's {@code start})
 */
record ProxmoxRun(Operation operation, Guest guest, Integer timeoutSeconds, Boolean forceStop, String snapname,
                  Boolean start) {

    static final String OPERATION = "operation";
    static final String NODE = "node";
    static final String VMID = "vmid";
    static final String TYPE = "type";
    static final String TIMEOUT = "timeout";
    static final String FORCE_STOP = "force_stop";
    static final String SNAPNAME = "snapname";
    static final String START = "start";

    /** Proxmox node names are host names. */
    static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");
    /** Proxmox's own rule for snapshot names (pve-configid, at most 40 characters). */
    static final Pattern SNAPSHOT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
    static final long MIN_VMID = 100;
    static final long MAX_VMID = 999_999_999;

    static ProxmoxRun of(Map<String, Object> run, Map<String, Object> parameters) {
        String operationId = text(run, OPERATION, parameters);
        Operation operation = Operation.of(operationId).orElseThrow(() -> new IllegalArgumentException(
                "run.operation '" + operationId + "' is not one of " + Operation.ids()));
        Guest guest = new Guest(node(text(run, NODE, parameters)), type(text(run, TYPE, parameters)),
                vmid(text(run, VMID, parameters)));
        Integer timeout = run.containsKey(TIMEOUT) ? seconds(optionalText(run, TIMEOUT, parameters)) : null;
        Boolean forceStop = flag(run, FORCE_STOP, parameters);
        String snapname = operation.requiredKeys().contains(SNAPNAME) ? snapshot("run.snapname", text(run, SNAPNAME, parameters)) : null;
        return new ProxmoxRun(operation, guest, timeout, forceStop, snapname, flag(run, START, parameters));
    }

    static String node(String value) {
        if (value == null || !NODE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("run.node '" + value + "' is not a Proxmox node name");
        }
        return value;
    }

    static String type(String value) {
        if (!Guest.QEMU.equals(value) && !Guest.LXC.equals(value)) {
            throw new IllegalArgumentException("run.type '" + value + "' is not qemu or lxc");
        }
        return value;
    }

    static long vmid(String value) {
        try {
            // JSON numbers may arrive as 104.0; the catalog schema already accepted them as integers.
            long vmid = new java.math.BigDecimal(value).longValueExact();
            if (vmid >= MIN_VMID && vmid <= MAX_VMID) {
                return vmid;
            }
        } catch (NumberFormatException | ArithmeticException | NullPointerException e) {
            // reported below
        }
        throw new IllegalArgumentException("run.vmid '" + value + "' is not a guest id (" + MIN_VMID + "-" + MAX_VMID + ")");
    }

    static String snapshot(String field, String value) {
        if (value == null || !SNAPSHOT_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + value + "' is not a snapshot name (" + SNAPSHOT_NAME.pattern() + ")");
        }
        return value;
    }

    private static Integer seconds(String value) {
        if (value == null) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("run.timeout '" + value + "' is not a number of seconds");
    }

    private static Boolean flag(Map<String, Object> run, String key, Map<String, Object> parameters) {
        String value = run.containsKey(key) ? optionalText(run, key, parameters) : null;
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("run." + key + " '" + value + "' is not true or false");
        }
        return Boolean.valueOf(value);
    }

    /** A required entry; a placeholder without a value is an error. */
    private static String text(Map<String, Object> run, String key, Map<String, Object> parameters) {
        Object value = run.get(key);
        if (value == null) {
            throw new IllegalArgumentException("run." + key + " is missing");
        }
        return value instanceof String s ? Templates.fill(s, parameters) : String.valueOf(value);
    }

    /** An entry built from optional parameters: absent when one of them has no value. */
    private static String optionalText(Map<String, Object> run, String key, Map<String, Object> parameters) {
        Object value = run.get(key);
        return value instanceof String s ? Templates.fillIfPresent(s, parameters) : value == null ? null : String.valueOf(value);
    }
}
