package io.aiopshub.remediation.mikrotik;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Interfaces ({@code /interface}): disable and enable by the item's {@code .id} (found by name first, which
 * also tells the state before), check the state. Refuses to disable the interface the hub's own
 * connection arrives on, directly or as a bridge port, because that would cut the hub off the router.
 */
final class InterfaceOperations {

    static final String STATE_BEFORE = "interface_was";

    MikrotikOutcome preview(RouterOsConnection c, MikrotikStep step) {
        String name = step.value("interface");
        Map<String, String> item = find(c, name);
        boolean disable = step.type() == MikrotikOperationType.INTERFACE_DISABLE;
        List<String> details = new ArrayList<>();
        details.add("current: " + describe(item));
        if (isDisabled(item) == disable) {
            return MikrotikOutcome.success(name + " is " + state(item) + " already; nothing would change", details);
        }
        if (disable) {
            Optional<String> conflict = managementConflict(c, name);
            if (conflict.isPresent()) {
                return MikrotikOutcome.failure("would refuse to disable " + name + ": " + conflict.get(), details);
            }
        }
        details.add("would send: " + command(step.type(), item.get(".id")));
        return MikrotikOutcome.success(name + " is " + state(item) + "; would " + (disable ? "disable" : "enable") + " it", details);
    }

    /** Disables or enables; in a rollback, leaves the interface alone when the run found it in that state already. */
    MikrotikOutcome apply(RouterOsConnection c, MikrotikStep step, Map<String, String> state) {
        String name = step.value("interface");
        boolean disable = step.type() == MikrotikOperationType.INTERFACE_DISABLE;
        String wanted = disable ? "disabled" : "enabled";
        String before = state.get(STATE_BEFORE);
        if (step.use() == MikrotikUse.ROLLBACK && before != null && !before.equals(wanted)) {
            return MikrotikOutcome.success(name + " was " + before + " before this run; left as it is", List.of());
        }
        Map<String, String> item = find(c, name);
        List<String> details = new ArrayList<>();
        details.add("before: " + describe(item));
        Map<String, String> newState = Map.of(STATE_BEFORE, state(item));
        if (isDisabled(item) == disable) {
            return MikrotikOutcome.success(name + " is " + wanted + " already; nothing to do", details).withState(newState);
        }
        if (disable) {
            Optional<String> conflict = managementConflict(c, name);
            if (conflict.isPresent()) {
                return MikrotikOutcome.failure("refused to disable " + name + ": " + conflict.get(), details);
            }
        }
        RouterOsCommand command = command(step.type(), item.get(".id"));
        details.add("sent: " + command);
        RouterOsReply reply = c.call(command);
        if (reply.failed()) {
            return MikrotikOutcome.failure("RouterOS refused to " + (disable ? "disable " : "enable ") + name + ": " + reply.trap(), details);
        }
        return MikrotikOutcome.success((disable ? "disabled " : "enabled ") + name + " (was " + state(item) + ")", details)
                .withState(newState);
    }

    MikrotikOutcome check(RouterOsConnection c, MikrotikStep step) {
        String name = step.value("interface");
        String expected = step.value("state");
        Map<String, String> item = find(c, name);
        List<String> details = List.of("current: " + describe(item));
        return state(item).equals(expected)
                ? MikrotikOutcome.success(name + " is " + expected, details)
                : MikrotikOutcome.failure(name + " is " + state(item) + ", expected " + expected, details);
    }

    private static Map<String, String> find(RouterOsConnection c, String name) {
        RouterOsCommand print = RouterOsCommand.of("/interface/print")
                .properties(".id", "name", "type", "disabled", "running")
                .where("name", name);
        List<Map<String, String>> rows = c.call(print).orFail("to list interfaces").rows();
        if (rows.isEmpty()) {
            throw new RouterOsException("no interface named '" + name + "' on " + c.peer());
        }
        return rows.get(0);
    }

    /**
     * Why disabling {@code name} would cut the hub off: it holds the address the hub connected to, or is a
     * port of the bridge that holds it. Only IPv4 addresses of the router itself are recognised (not NAT).
     */
    private static Optional<String> managementConflict(RouterOsConnection c, String name) {
        String reached = c.remoteAddress();
        RouterOsCommand addresses = RouterOsCommand.of("/ip/address/print").properties("address", "interface");
        List<String> carriers = new ArrayList<>();
        for (Map<String, String> row : c.call(addresses).orFail("to list IP addresses").rows()) {
            String address = row.getOrDefault("address", "");
            int slash = address.indexOf('/');
            if ((slash < 0 ? address : address.substring(0, slash)).equals(reached)) {
                carriers.add(row.getOrDefault("interface", ""));
            }
        }
        if (carriers.contains(name)) {
            return Optional.of("the hub reaches the router at " + reached + ", which is on " + name);
        }
        if (carriers.isEmpty()) {
            return Optional.empty();
        }
        RouterOsCommand ports = RouterOsCommand.of("/interface/bridge/port/print").properties("interface", "bridge").where("interface", name);
        for (Map<String, String> row : c.call(ports).orFail("to list bridge ports").rows()) {
            if (carriers.contains(row.get("bridge"))) {
                return Optional.of(name + " is a port of bridge " + row.get("bridge") + ", where the hub reaches the router at " + reached);
            }
        }
        return Optional.empty();
    }

    private static RouterOsCommand command(MikrotikOperationType type, String id) {
        return RouterOsCommand.of(type == MikrotikOperationType.INTERFACE_DISABLE ? "/interface/disable" : "/interface/enable")
                .with("numbers", id);
    }

    private static boolean isDisabled(Map<String, String> item) {
        return "true".equals(item.get("disabled"));
    }

    private static String state(Map<String, String> item) {
        return isDisabled(item) ? "disabled" : "enabled";
    }

    private static String describe(Map<String, String> item) {
        return item.getOrDefault("name", "?") + " (" + item.getOrDefault(".id", "?") + ", type " + item.getOrDefault("type", "?")
                + ", " + state(item) + ", " + ("true".equals(item.get("running")) ? "running" : "not running") + ")";
    }
}
