package io.aiopshub.remediation.ansible;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The host and group names of an inventory, read from {@code ansible-inventory --list}. That output
 * also carries host variables (possibly credentials): only the names are kept, and the text itself is
 * never shown.
 */
record InventoryHosts(Set<String> hosts, Set<String> groups) {

    private static final ObjectMapper JSON = new ObjectMapper();

    InventoryHosts {
        hosts = Set.copyOf(hosts);
        groups = Set.copyOf(groups);
    }

    static InventoryHosts parse(String listJson) {
        JsonNode root;
        try {
            root = JSON.readTree(listJson == null ? "" : listJson);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new AnsibleRefusal("ansible-inventory --list did not print the inventory as JSON");
        }
        Set<String> hosts = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        root.path("_meta").path("hostvars").fieldNames().forEachRemaining(hosts::add);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> group = it.next();
            if (group.getKey().equals("_meta")) {
                continue;
            }
            groups.add(group.getKey());
            group.getValue().path("hosts").forEach(host -> hosts.add(host.asText()));
        }
        return new InventoryHosts(hosts, groups);
    }
}
