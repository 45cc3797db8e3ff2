package io.aiopshub.incident;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads {@code config/alert-routing.yaml}; falls back to the copy bundled in the jar. */
public class RoutingPolicyLoader {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingPolicyLoader.class);
    private static final Set<String> CHANNELS = Set.of("telegram", "slack", "email", "pagerduty", "webhook", "log");

    public RoutingPolicy load(String file) {
        Path path = Path.of(file);
        try (InputStream in = Files.exists(path) ? Files.newInputStream(path)
                : getClass().getResourceAsStream("/config/alert-routing.yaml")) {
            if (in == null) {
                throw new IllegalStateException("no routing file at " + path.toAbsolutePath() + " and no bundled default");
            }
            LOG.info("Alert routing from {}", Files.exists(path) ? path.toAbsolutePath() : "the bundled default");
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read routing file " + file, e);
        }
    }

    /**
     * Parses and checks a whole routing file; any mistake (YAML syntax, wrong shape, unknown channel, bad
     * matcher or duration) is an {@link IllegalArgumentException} whose message names the file.
     */
    RoutingPolicy parseText(String text, String file) {
        try {
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(text), file);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file) ? e
                    : new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // A list where a mapping belongs and the like surface as ClassCastException or NullPointerException.
            throw new IllegalArgumentException(file + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    RoutingPolicy parse(Object yaml, String file) {
        if (!(yaml instanceof Map<?, ?> rawRoot)) {
            throw new IllegalArgumentException(file + ": expected a YAML mapping at the top");
        }
        Map<String, Object> root = (Map<String, Object>) rawRoot;
        Map<String, Object> defaults = (Map<String, Object>) root.getOrDefault("defaults", Map.of());
        List<String> defaultGroupBy = strings(defaults.getOrDefault("group_by", List.of("alertname")));
        Duration groupWait = duration(defaults, "group_wait", "30s");
        Duration groupInterval = duration(defaults, "group_interval", "5m");
        Duration repeatInterval = duration(defaults, "repeat_interval", "4h");

        List<RoutingPolicy.Route> routes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Object item : (List<Object>) root.getOrDefault("routes", List.of())) {
            Map<String, Object> r = (Map<String, Object>) item;
            String id = String.valueOf(r.getOrDefault("id", "route-" + (routes.size() + 1)));
            if (!ids.add(id)) {
                throw new IllegalArgumentException(file + ": route id '" + id + "' is used twice");
            }
            List<String> channels = strings(r.getOrDefault("channels", List.of()));
            for (String channel : channels) {
                if (!CHANNELS.contains(channel)) {
                    throw new IllegalArgumentException(file + ": route '" + id + "' names unknown channel '" + channel + "'; known: " + CHANNELS);
                }
            }
            routes.add(new RoutingPolicy.Route(id, matchers(r.get("matchers"), file + ": route '" + id + "' matchers"), channels,
                    r.containsKey("group_by") ? strings(r.get("group_by")) : defaultGroupBy,
                    r.containsKey("group_wait") ? duration(r, "group_wait", null) : groupWait,
                    r.containsKey("group_interval") ? duration(r, "group_interval", null) : groupInterval,
                    r.containsKey("repeat_interval") ? duration(r, "repeat_interval", null) : repeatInterval));
        }
        if (routes.isEmpty() || !routes.get(routes.size() - 1).matchers().isEmpty()) {
            routes.add(new RoutingPolicy.Route("default", List.of(), List.of("telegram"), defaultGroupBy,
                    groupWait, groupInterval, repeatInterval));
        }
        List<RoutingPolicy.InhibitRule> inhibitRules = new ArrayList<>();
        for (Object item : (List<Object>) root.getOrDefault("inhibit_rules", List.of())) {
            Map<String, Object> r = (Map<String, Object>) item;
            String where = file + ": inhibit_rules[" + inhibitRules.size() + "].";
            inhibitRules.add(new RoutingPolicy.InhibitRule(matchers(r.get("source_matchers"), where + "source_matchers"),
                    matchers(r.get("target_matchers"), where + "target_matchers"), strings(r.getOrDefault("equal", List.of()))));
        }
        Map<String, Object> flapping = (Map<String, Object>) root.getOrDefault("flapping", Map.of());
        return new RoutingPolicy(List.copyOf(routes), List.copyOf(inhibitRules), new RoutingPolicy.Flapping(
                ((Number) flapping.getOrDefault("transitions", 4)).intValue(), duration(flapping, "window", "10m")));
    }

    /** Parses matchers; a bad one (an invalid or too complex regex, say) fails the load naming where it is. */
    private static List<LabelMatcher> matchers(Object list, String where) {
        if (list == null) {
            return List.of();
        }
        List<String> texts = strings(list);
        List<LabelMatcher> matchers = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                matchers.add(LabelMatcher.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "[" + i + "]: " + e.getMessage(), e);
            }
        }
        return List.copyOf(matchers);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return ((List<Object>) list).stream().map(String::valueOf).toList();
    }

    private static Duration duration(Map<String, Object> map, String key, String fallback) {
        Object value = map.get(key);
        return Durations.parse(value == null ? fallback : String.valueOf(value));
    }
}
