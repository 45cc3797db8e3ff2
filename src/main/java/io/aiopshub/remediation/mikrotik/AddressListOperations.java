package io.aiopshub.remediation.mikrotik;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Firewall address-list entries ({@code /ip/firewall/address-list}): block by adding, unblock by removing
 * the entries found by list and address, check presence or absence.
 */
final class AddressListOperations {

    static final String PATH = "/ip/firewall/address-list";
    static final String ADDED_ENTRY = "added_entry_id";
    static final String REMOVED_ENTRIES = "removed_entry_ids";

    MikrotikOutcome preview(RouterOsConnection c, MikrotikStep step) {
        Target t = Target.of(step);
        List<Map<String, String>> entries = entries(c, t);
        List<String> details = new ArrayList<>();
        details.add("current entries of " + t.address() + " in address list '" + t.list() + "': " + describe(entries));
        if (step.type() == MikrotikOperationType.ADDRESS_LIST_ADD) {
            RouterOsCommand add = addCommand(step, t);
            details.add("would send: " + add);
            if (!entries.isEmpty()) {
                return MikrotikOutcome.failure(t.address() + " is already in address list '" + t.list() + "' (" + ids(entries)
                        + "); adding it again would fail with 'already have such entry'", details);
            }
            String timeout = timeout(step);
            return MikrotikOutcome.success(t.address() + " is not in address list '" + t.list() + "'; would add it"
                    + (timeout == null ? " without timeout" : " for " + timeout), details);
        }
        if (entries.isEmpty()) {
            return MikrotikOutcome.success(t.address() + " is not in address list '" + t.list() + "'; nothing to remove", details);
        }
        for (Map<String, String> entry : entries) {
            details.add("would send: " + removeCommand(entry.get(".id")));
        }
        return MikrotikOutcome.success("would remove " + t.address() + " from address list '" + t.list() + "' ("
                + ids(entries) + ")", details);
    }

    MikrotikOutcome add(RouterOsConnection c, MikrotikStep step) {
        Target t = Target.of(step);
        RouterOsCommand add = addCommand(step, t);
        RouterOsReply reply = c.call(add);
        List<String> details = List.of("sent: " + add);
        if (reply.failed()) {
            return MikrotikOutcome.failure("RouterOS refused to add " + t.address() + " to address list '" + t.list() + "': "
                    + reply.trap(), details);
        }
        String id = reply.done().getOrDefault("ret", "");
        String timeout = timeout(step);
        return MikrotikOutcome.success("added " + t.address() + " to address list '" + t.list() + "' (entry " + id
                        + (timeout == null ? ", no timeout" : ", timeout " + timeout) + ")", details)
                .withState(Map.of(ADDED_ENTRY, id));
    }

    /** Removes every entry of the address in the list. */
    MikrotikOutcome removeAll(RouterOsConnection c, MikrotikStep step) {
        Target t = Target.of(step);
        List<Map<String, String>> entries = entries(c, t);
        if (entries.isEmpty()) {
            return MikrotikOutcome.success(t.address() + " is not in address list '" + t.list() + "'; nothing to remove", List.of());
        }
        return remove(c, t, entries);
    }

    /**
     * The rollback of an add: removes only the entry this run added (its id from EXECUTE), so an entry
     * someone else made for the same address stays.
     */
    MikrotikOutcome removeAdded(RouterOsConnection c, MikrotikStep step, Map<String, String> state) {
        Target t = Target.of(step);
        String id = state.get(ADDED_ENTRY);
        if (id == null || id.isEmpty()) {
            return MikrotikOutcome.success("this run added no entry to address list '" + t.list() + "'; nothing to undo", List.of());
        }
        List<Map<String, String>> ours = entries(c, t).stream().filter(e -> id.equals(e.get(".id"))).toList();
        if (ours.isEmpty()) {
            return MikrotikOutcome.success("entry " + id + " of " + t.address() + " in address list '" + t.list()
                    + "' is gone already (expired or removed); nothing to undo", List.of());
        }
        return remove(c, t, ours);
    }

    MikrotikOutcome check(RouterOsConnection c, MikrotikStep step) {
        Target t = Target.of(step);
        List<Map<String, String>> entries = entries(c, t);
        List<Map<String, String>> active = entries.stream().filter(e -> !"true".equals(e.get("disabled"))).toList();
        List<String> details = List.of("entries of " + t.address() + " in address list '" + t.list() + "': " + describe(entries));
        boolean present = !active.isEmpty();
        if (step.type() == MikrotikOperationType.ADDRESS_LIST_CONTAINS) {
            return present
                    ? MikrotikOutcome.success(t.address() + " is in address list '" + t.list() + "' (" + ids(active) + ")", details)
                    : MikrotikOutcome.failure(t.address() + " is not in address list '" + t.list() + "'"
                            + (entries.isEmpty() ? "" : " (only disabled entries)"), details);
        }
        return present
                ? MikrotikOutcome.failure(t.address() + " is still in address list '" + t.list() + "' (" + ids(active) + ")", details)
                : MikrotikOutcome.success(t.address() + " is not in address list '" + t.list() + "'", details);
    }

    private MikrotikOutcome remove(RouterOsConnection c, Target t, List<Map<String, String>> entries) {
        List<String> details = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Map<String, String> entry : entries) {
            RouterOsCommand remove = removeCommand(entry.get(".id"));
            details.add("sent: " + remove);
            RouterOsReply reply = c.call(remove);
            if (reply.failed()) {
                return MikrotikOutcome.failure("RouterOS refused to remove entry " + entry.get(".id") + " (" + t.address()
                        + ") from address list '" + t.list() + "': " + reply.trap()
                        + (removed.isEmpty() ? "" : "; removed before: " + String.join(", ", removed)), details)
                        .withState(Map.of(REMOVED_ENTRIES, String.join(",", removed)));
            }
            removed.add(entry.get(".id"));
        }
        return MikrotikOutcome.success("removed " + t.address() + " from address list '" + t.list() + "' ("
                + String.join(", ", removed) + ")", details).withState(Map.of(REMOVED_ENTRIES, String.join(",", removed)));
    }

    private static List<Map<String, String>> entries(RouterOsConnection c, Target t) {
        RouterOsCommand print = RouterOsCommand.of(PATH + "/print")
                .properties(".id", "list", "address", "timeout", "comment", "disabled", "dynamic")
                .where("list", t.list())
                .where("address", t.address());
        return c.call(print).orFail("to list address-list entries").rows();
    }

    private static RouterOsCommand addCommand(MikrotikStep step, Target t) {
        RouterOsCommand add = RouterOsCommand.of(PATH + "/add").with("list", t.list()).with("address", t.address());
        String timeout = timeout(step);
        if (timeout != null) {
            add = add.with("timeout", timeout);
        }
        String comment = step.optional("comment");
        if (comment != null && !comment.isEmpty()) {
            add = add.with("comment", comment);
        }
        return add;
    }

    private static RouterOsCommand removeCommand(String id) {
        return RouterOsCommand.of(PATH + "/remove").with(".id", id);
    }

    private static String timeout(MikrotikStep step) {
        String timeout = step.optional("timeout");
        return timeout != null ? timeout : step.optional("default_timeout");
    }

    private static String ids(List<Map<String, String>> entries) {
        return String.join(", ", entries.stream().map(e -> e.getOrDefault(".id", "?")).toList());
    }

    private static String describe(List<Map<String, String>> entries) {
        if (entries.isEmpty()) {
            return "none";
        }
        List<String> lines = new ArrayList<>();
        for (Map<String, String> e : entries) {
            StringBuilder line = new StringBuilder(e.getOrDefault(".id", "?")).append(' ').append(e.getOrDefault("address", ""));
            for (String key : List.of("timeout", "comment", "dynamic", "disabled")) {
                if (e.containsKey(key) && !e.get(key).isEmpty()) {
                    line.append(' ').append(key).append('=').append(e.get(key));
                }
            }
            lines.add(line.toString());
        }
        return String.join("; ", lines);
    }

    /**
     * List and address as RouterOS stores them: a single address given as {@code a.b.c.d/32} is kept as
     * {@code a.b.c.d}, so it is searched for that way.
     */
    private record Target(String list, String address) {

        static Target of(MikrotikStep step) {
            String address = step.value("address");
            if (address.endsWith("/32")) {
                address = address.substring(0, address.length() - 3);
            }
            return new Target(step.value("list"), address);
        }
    }
}
