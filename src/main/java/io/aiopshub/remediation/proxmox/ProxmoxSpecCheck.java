package io.aiopshub.remediation.proxmox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Executor;
import io.aiopshub.remediation.catalog.ParameterSpec;
import io.aiopshub.remediation.catalog.ParameterType;
import io.aiopshub.remediation.catalog.Templates;
import io.aiopshub.remediation.executor.ExecutorSpecCheck;

/**
 * The proxmox executor's terms in the catalog:
 * <ul>
 *   <li>{@code run}: {@code operation} (status|start|shutdown|stop|reboot|snapshot_list|snapshot_create|
 *       snapshot_rollback), {@code node}, {@code vmid}, {@code type} (qemu|lxc, or a parameter with that enum);
 *       shutdown: {@code timeout} (seconds), {@code force_stop}; reboot: {@code timeout}; snapshot_create and
 *       snapshot_rollback: {@code snapname}; snapshot_rollback: {@code start}</li>
 *   <li>{@code verify.check}: {@code status} (running|stopped)</li>
 *   <li>{@code rollback}: {@code snapshot: true} (taken in PREPARE), optional {@code start}</li>
 * </ul>
 */
@Component
public class ProxmoxSpecCheck implements ExecutorSpecCheck {

    static final String CHECK_STATUS = "status";
    static final String ROLLBACK_SNAPSHOT = "snapshot";
    private static final Set<String> STATUSES = Set.of("running", "stopped");
    private static final Set<String> TYPES = Set.of(Guest.QEMU, Guest.LXC);
    private static final Set<String> COMMON = Set.of(ProxmoxRun.OPERATION, ProxmoxRun.NODE, ProxmoxRun.VMID, ProxmoxRun.TYPE);

    @Override
    public Executor executor() {
        return Executor.PROXMOX;
    }

    @Override
    public List<String> problems(ActionDefinition action) {
        List<String> problems = new ArrayList<>();
        String at = action.id() + ": ";
        Map<String, Object> run = action.run();
        placeholders(problems, at + "run", run, action);
        Object operationId = run.get(ProxmoxRun.OPERATION);
        Operation operation = operationId instanceof String s ? Operation.of(s).orElse(null) : null;
        if (operation == null) {
            problems.add(at + "run.operation must be one of " + Operation.ids() + (operationId == null ? "" : ", not '" + operationId + "'"));
        } else {
            runKeys(problems, at, action, operation);
        }
        if (action.verify() != null && action.verify().hasCheck()) {
            Map<String, Object> check = action.verify().check();
            placeholders(problems, at + "verify.check", check, action);
            unknownKeys(problems, at + "verify.check", check, Set.of(CHECK_STATUS));
            Object status = check.get(CHECK_STATUS);
            if (status == null) {
                problems.add(at + "verify.check.status is required (running|stopped)");
            } else if (Templates.names(String.valueOf(status)).isEmpty() && !STATUSES.contains(String.valueOf(status))) {
                problems.add(at + "verify.check.status must be running or stopped, not '" + status + "'");
            }
        }
        if (action.hasRollback()) {
            Map<String, Object> rollback = action.rollback();
            unknownKeys(problems, at + "rollback", rollback, Set.of(ROLLBACK_SNAPSHOT, ProxmoxRun.START));
            if (!Boolean.TRUE.equals(rollback.get(ROLLBACK_SNAPSHOT))) {
                problems.add(at + "rollback.snapshot must be true (the executor's only rollback is a snapshot taken before the action)");
            }
            if (rollback.containsKey(ProxmoxRun.START) && !(rollback.get(ProxmoxRun.START) instanceof Boolean)) {
                problems.add(at + "rollback.start must be true or false");
            }
            if (operation != null && !operation.changesGuest()) {
                problems.add(at + "rollback: " + operation.id() + " changes nothing, there is nothing to roll back");
            }
        }
        return problems;
    }

    private static void runKeys(List<String> problems, String at, ActionDefinition action, Operation operation) {
        Map<String, Object> run = action.run();
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.addAll(operation.requiredKeys());
        allowed.addAll(operation.optionalKeys());
        unknownKeys(problems, at + "run", run, allowed);
        Set<String> required = new HashSet<>(COMMON);
        required.addAll(operation.requiredKeys());
        for (String key : required) {
            Object value = run.get(key);
            if (value == null) {
                problems.add(at + "run." + key + " is required for " + operation.id());
                continue;
            }
            for (String name : Templates.names(String.valueOf(value))) {
                ParameterSpec spec = action.parameters().get(name);
                if (spec != null && !spec.required()) {
                    problems.add(at + "run." + key + " uses {" + name + "}, which must be a required parameter");
                }
            }
        }
        literal(problems, at, run, ProxmoxRun.NODE, v -> ProxmoxRun.node(v));
        literal(problems, at, run, ProxmoxRun.VMID, v -> ProxmoxRun.vmid(v));
        literal(problems, at, run, ProxmoxRun.SNAPNAME, v -> ProxmoxRun.snapshot("run.snapname", v));
        literal(problems, at, run, ProxmoxRun.TYPE, v -> ProxmoxRun.type(v));
        parameterKinds(problems, at, action);
        Object timeout = run.get(ProxmoxRun.TIMEOUT);
        if (timeout != null && Templates.names(String.valueOf(timeout)).isEmpty()) {
            if (!(timeout instanceof Integer seconds) || seconds < 1) {
                problems.add(at + "run.timeout must be a number of seconds, not '" + timeout + "'");
            } else if (seconds >= action.timeoutOrDefault().toSeconds()) {
                problems.add(at + "run.timeout (" + seconds + " s) must be shorter than the action's timeout ("
                        + ProxmoxApi.human(action.timeoutOrDefault()) + "), or the executor gives up before Proxmox does");
            }
        }
        for (String flag : List.of(ProxmoxRun.FORCE_STOP, ProxmoxRun.START)) {
            Object value = run.get(flag);
            if (value != null && !(value instanceof Boolean) && Templates.names(String.valueOf(value)).isEmpty()) {
                problems.add(at + "run." + flag + " must be true or false");
            }
        }
    }

    /**
     * A type given as a parameter must be limited to qemu and lxc by its enum, a vmid parameter to the range of
     * guest ids: otherwise a valid proposal could still fail at run time.
     */
    private static void parameterKinds(List<String> problems, String at, ActionDefinition action) {
        for (String name : Templates.names(String.valueOf(action.run().get(ProxmoxRun.TYPE)))) {
            ParameterSpec spec = action.parameters().get(name);
            if (spec != null && (spec.type() != ParameterType.STRING || spec.allowed() == null || !TYPES.containsAll(spec.allowed()))) {
                problems.add(at + "run.type uses {" + name + "}, whose parameter needs enum: [qemu, lxc]");
            }
        }
        Object vmid = action.run().get(ProxmoxRun.VMID);
        for (String name : Templates.names(String.valueOf(vmid))) {
            ParameterSpec spec = action.parameters().get(name);
            if (spec != null && (spec.type() != ParameterType.INTEGER
                    || spec.minimum() == null || spec.minimum().compareTo(BigDecimal.valueOf(ProxmoxRun.MIN_VMID)) < 0
                    || spec.maximum() == null || spec.maximum().compareTo(BigDecimal.valueOf(ProxmoxRun.MAX_VMID)) > 0)) {
                problems.add(at + "run.vmid uses {" + name + "}, whose parameter must be an integer with minimum "
                        + ProxmoxRun.MIN_VMID + " and maximum " + ProxmoxRun.MAX_VMID);
            }
        }
    }

    private interface Check {
        void accept(String value);
    }

    /** Checks a value that has no placeholder as the executor will at run time. */
    private static void literal(List<String> problems, String at, Map<String, Object> run, String key, Check check) {
        Object value = run.get(key);
        if (value != null && Templates.names(String.valueOf(value)).isEmpty()) {
            try {
                check.accept(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                problems.add(at + e.getMessage());
            }
        }
    }

    private static void placeholders(List<String> problems, String at, Map<String, Object> map, ActionDefinition action) {
        map.forEach((key, value) -> {
            for (String name : Templates.names(value instanceof String s ? s : null)) {
                if (!action.parameters().containsKey(name)) {
                    problems.add(at + "." + key + " uses {" + name + "}, which is not a parameter");
                }
            }
        });
    }

    private static void unknownKeys(List<String> problems, String at, Map<String, Object> map, Set<String> allowed) {
        map.keySet().stream().filter(k -> !allowed.contains(k)).sorted().forEach(k ->
                problems.add(at + "." + k + " is not a key the proxmox executor knows (" + String.join(", ", allowed.stream().sorted().toList()) + ")"));
    }
}
