package io.aiopshub.correlation;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who depends on whom: the configured topology plus the learned dependencies (labels, log lines). Edges
 * point from a service to what it depends on (a service or a host). Reachability is followed a few hops,
 * so checkout → payments → orders-db relates checkout to orders-db while payments is quiet.
 */
public final class DependencyGraph {

    private static final int MAX_HOPS = 3;

    private final Map<String, Set<String>> edges;
    private final Topology topology;

    public DependencyGraph(Topology topology, Map<String, Set<String>> learned) {
        this.topology = topology;
        Map<String, Set<String>> all = new HashMap<>();
        topology.dependencies().forEach((s, deps) -> all.computeIfAbsent(s, k -> new HashSet<>()).addAll(deps));
        learned.forEach((s, deps) -> all.computeIfAbsent(s, k -> new HashSet<>()).addAll(deps));
        this.edges = all;
    }

    public Topology topology() {
        return topology;
    }

    /** Whether {@code from} depends on {@code to}, directly or through at most three hops. */
    public boolean dependsOn(String from, String to) {
        if (from == null || to == null || from.isEmpty() || to.isEmpty() || from.equals(to)) {
            return false;
        }
        Set<String> seen = new HashSet<>();
        Deque<String> frontier = new ArrayDeque<>();
        frontier.add(from);
        for (int hop = 0; hop < MAX_HOPS && !frontier.isEmpty(); hop++) {
            Deque<String> next = new ArrayDeque<>();
            for (String node : frontier) {
                for (String dep : edges.getOrDefault(node, Set.of())) {
                    if (dep.equals(to)) {
                        return true;
                    }
                    if (seen.add(dep)) {
                        next.add(dep);
                    }
                }
            }
            frontier = next;
        }
        return false;
    }

    /** What a service depends on directly. */
    public Set<String> direct(String service) {
        return edges.getOrDefault(service, Set.of());
    }

    /** The edges among these services and their direct neighbours. */
    public Map<String, Set<String>> around(Collection<String> services) {
        Set<String> wanted = new HashSet<>(services);
        Map<String, Set<String>> result = new TreeMap<>();
        edges.forEach((from, deps) -> {
            if (wanted.contains(from)) {
                result.put(from, new TreeSet<>(deps));
            } else {
                Set<String> into = new TreeSet<>();
                deps.stream().filter(wanted::contains).forEach(into::add);
                if (!into.isEmpty()) {
                    result.put(from, into);
                }
            }
        });
        return result;
    }
}
