package io.aiopshub.correlation;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configured topology ({@code config/topology.yaml}): each service, the services it depends on and
 * the hosts it runs on.
 */
public record Topology(Map<String, Node> services) {

    public record Node(Set<String> dependsOn, Set<String> hosts) {

        public Node {
            dependsOn = Set.copyOf(dependsOn);
            hosts = Set.copyOf(hosts);
        }
    }

    public Topology {
        services = Map.copyOf(services);
    }

    public static Topology empty() {
        return new Topology(Map.of());
    }

    /** service → what it depends on, as configured. */
    public Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> result = new TreeMap<>();
        services.forEach((name, node) -> {
            if (!node.dependsOn().isEmpty()) {
                result.put(name, node.dependsOn());
            }
        });
        return result;
    }

    /** The services configured to run on a host. */
    public Set<String> servicesOn(String host) {
        Set<String> result = new LinkedHashSet<>();
        services.forEach((name, node) -> {
            if (node.hosts().contains(host)) {
                result.add(name);
            }
        });
        return result;
    }

    public Set<String> hostsOf(String service) {
        Node node = services.get(service);
        return node == null ? Set.of() : node.hosts();
    }

    /** Every service and host the file names: what log lines are searched for. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>(services.keySet());
        services.values().forEach(n -> {
            names.addAll(n.dependsOn());
            names.addAll(n.hosts());
        });
        return names;
    }
}
