package io.aiopshub.correlation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@code config/topology.yaml}:
 * <pre>
 * services:
 *   checkout:
 *     depends_on: [payments, orders-db]
 *     hosts: [app-1]
 * </pre>
 * A missing file is an empty topology (the hub then relies on what it learns). A broken file is refused
 * whole, with every problem in the message.
 */
public class TopologyLoader {

    static final int MAX_NAME = 256;
    private static final Set<String> NODE_KEYS = Set.of("depends_on", "hosts");

    public Topology load(Path file) {
        if (!Files.exists(file)) {
            return Topology.empty();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read topology file " + file, e);
        }
    }

    public Topology parse(String text, String source) {
        Object yaml;
        try {
            yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": not YAML: " + e.getMessage(), e);
        }
        if (yaml == null) {
            return Topology.empty();
        }
        List<String> problems = new ArrayList<>();
        Map<String, Topology.Node> services = new LinkedHashMap<>();
        if (!(yaml instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException(source + ": expected a mapping with 'services' at the top");
        }
        for (Object key : root.keySet()) {
            if (!"services".equals(key)) {
                problems.add("unknown key '" + key + "' at the top (expected 'services')");
            }
        }
        Object raw = root.get("services");
        if (raw != null && !(raw instanceof Map<?, ?>)) {
            problems.add("'services' must be a mapping of service name to {depends_on, hosts}");
        } else if (raw != null) {
            ((Map<?, ?>) raw).forEach((name, value) -> {
                String at = "services." + name;
                if (!(name instanceof String s) || s.isBlank() || s.length() > MAX_NAME) {
                    problems.add(at + ": a service name must be a non-empty string of at most " + MAX_NAME + " characters");
                    return;
                }
                if (value != null && !(value instanceof Map<?, ?>)) {
                    problems.add(at + ": must be a mapping with depends_on and/or hosts");
                    return;
                }
                Map<?, ?> node = value == null ? Map.of() : (Map<?, ?>) value;
                node.keySet().stream().filter(k -> !NODE_KEYS.contains(k))
                        .forEach(k -> problems.add(at + ": unknown key '" + k + "' (expected depends_on, hosts)"));
                Set<String> dependsOn = names(node.get("depends_on"), at + ".depends_on", problems);
                if (dependsOn.contains(s)) {
                    problems.add(at + ".depends_on: a service cannot depend on itself");
                }
                services.put(s, new Topology.Node(dependsOn, names(node.get("hosts"), at + ".hosts", problems)));
            });
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return new Topology(services);
    }

    private static Set<String> names(Object value, String at, List<String> problems) {
        Set<String> names = new LinkedHashSet<>();
        if (value == null) {
            return names;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(at + ": must be a list of names");
            return names;
        }
        for (Object item : list) {
            if (!(item instanceof String s) || s.isBlank() || s.length() > MAX_NAME) {
                problems.add(at + ": '" + item + "' is not a non-empty name of at most " + MAX_NAME + " characters");
            } else {
                names.add(s);
            }
        }
        return names;
    }
}
