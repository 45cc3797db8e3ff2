package io.aiopshub.analysis.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.aiopshub.incident.Durations;

/**
 * Reads Prometheus rule files ({@code groups: [{name, interval, rules: [{alert, expr, for,
 * keep_firing_for, labels, annotations}]}]}). Recording rules ({@code record:}) are skipped: the hub
 * only alerts. Mistakes name the file, group and rule.
 */
public class RuleFileLoader {

    public List<RuleGroup> loadDirectory(Path dir, Duration defaultInterval) throws IOException {
        List<RuleGroup> groups = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return groups;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList()) {
                groups.addAll(parse(Files.readString(file), file.getFileName().toString(), defaultInterval));
            }
        }
        return groups;
    }

    @SuppressWarnings("unchecked")
    public List<RuleGroup> parse(String text, String file, Duration defaultInterval) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        if (!(root instanceof Map<?, ?> map) || !(map.get("groups") instanceof List<?> rawGroups)) {
            throw new IllegalArgumentException(file + ": expected 'groups:' at the top");
        }
        List<RuleGroup> groups = new ArrayList<>();
        for (Object rawGroup : rawGroups) {
            Map<String, Object> group = (Map<String, Object>) rawGroup;
            String name = String.valueOf(group.get("name"));
            Duration interval = group.get("interval") == null ? defaultInterval : Durations.parse(String.valueOf(group.get("interval")));
            List<AlertRule> rules = new ArrayList<>();
            for (Object rawRule : (List<Object>) group.getOrDefault("rules", List.of())) {
                Map<String, Object> rule = (Map<String, Object>) rawRule;
                if (rule.get("alert") == null) {
                    continue;
                }
                String where = file + ": group '" + name + "' rule '" + rule.get("alert") + "'";
                if (rule.get("expr") == null || String.valueOf(rule.get("expr")).isBlank()) {
                    throw new IllegalArgumentException(where + " has no expr");
                }
                try {
                    rules.add(new AlertRule(name, String.valueOf(rule.get("alert")), String.valueOf(rule.get("expr")).trim(),
                            duration(rule.get("for")), duration(rule.get("keep_firing_for")),
                            strings(rule.get("labels")), strings(rule.get("annotations")),
                            Boolean.TRUE.equals(rule.get("anomaly")),
                            rule.get("anomaly_threshold") == null ? AlertRule.DEFAULT_ANOMALY_THRESHOLD
                                    : Double.parseDouble(String.valueOf(rule.get("anomaly_threshold")))));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            }
            groups.add(new RuleGroup(name, interval, List.copyOf(rules)));
        }
        return groups;
    }

    private static Duration duration(Object value) {
        return value == null ? Duration.ZERO : Durations.parse(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object value) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, v) -> result.put(k, String.valueOf(v)));
        }
        return result;
    }
}
