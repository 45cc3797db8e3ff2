package io.aiopshub.remediation.mikrotik;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operations a catalog map may name with {@code operation:}, where each may be used, and its keys.
 * Required keys must get a value (so they may only use required parameters); optional keys are left out
 * when their parameters are absent.
 */
public enum MikrotikOperationType {
    ADDRESS_LIST_ADD("address_list_add", EnumSet.of(MikrotikUse.RUN, MikrotikUse.ROLLBACK),
            List.of("list", "address"), List.of("timeout", "default_timeout", "comment")),
    ADDRESS_LIST_REMOVE("address_list_remove", EnumSet.of(MikrotikUse.RUN, MikrotikUse.ROLLBACK),
            List.of("list", "address"), List.of()),
    INTERFACE_DISABLE("interface_disable", EnumSet.of(MikrotikUse.RUN, MikrotikUse.ROLLBACK),
            List.of("interface"), List.of()),
    INTERFACE_ENABLE("interface_enable", EnumSet.of(MikrotikUse.RUN, MikrotikUse.ROLLBACK),
            List.of("interface"), List.of()),
    RESOURCES("resources", EnumSet.of(MikrotikUse.RUN), List.of(), List.of()),
    REBOOT("reboot", EnumSet.of(MikrotikUse.RUN), List.of(), List.of()),
    ADDRESS_LIST_CONTAINS("address_list_contains", EnumSet.of(MikrotikUse.CHECK), List.of("list", "address"), List.of()),
    ADDRESS_LIST_ABSENT("address_list_absent", EnumSet.of(MikrotikUse.CHECK), List.of("list", "address"), List.of()),
    INTERFACE_STATE("interface_state", EnumSet.of(MikrotikUse.CHECK), List.of("interface", "state"), List.of()),
    UPTIME_BELOW("uptime_below", EnumSet.of(MikrotikUse.CHECK), List.of("max"), List.of());

    private final String id;
    private final Set<MikrotikUse> uses;
    private final List<String> required;
    private final List<String> optional;

    MikrotikOperationType(String id, Set<MikrotikUse> uses, List<String> required, List<String> optional) {
        this.id = id;
        this.uses = uses;
        this.required = required;
        this.optional = optional;
    }

    public String id() {
        return id;
    }

    public boolean allowedIn(MikrotikUse use) {
        return uses.contains(use);
    }

    public List<String> required() {
        return required;
    }

    public List<String> optional() {
        return optional;
    }

    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        keys.add("operation");
        keys.addAll(required);
        keys.addAll(optional);
        return keys;
    }

    public static Optional<MikrotikOperationType> byId(String id) {
        for (MikrotikOperationType type : values()) {
            if (type.id.equals(id)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The operation ids allowed in {@code use}, for messages. */
    public static List<String> idsFor(MikrotikUse use) {
        List<String> ids = new ArrayList<>();
        for (MikrotikOperationType type : values()) {
            if (type.allowedIn(use)) {
                ids.add(type.id);
            }
        }
        return ids;
    }
}
