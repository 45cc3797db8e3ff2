package io.aiopshub.incident;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loaded alert-routing file: which alerts group together, when their notifications go out,
 * to which channels, what inhibits what, and when an alert counts as flapping.
 */
public record RoutingPolicy(List<Route> routes, List<InhibitRule> inhibitRules, Flapping flapping) {

    /** One notification route; the first whose matchers all match an alert takes it. */
    public record Route(String id, List<LabelMatcher> matchers, List<String> channels, List<String> groupBy,
                        Duration groupWait, Duration groupInterval, Duration repeatInterval) {

        public boolean matches(Map<String, String> labels) {
            return matchers.stream().allMatch(m -> m.matches(labels));
        }

        /** The labels that make up the group key; {@code ...} groups by all labels. */
        public Map<String, String> groupLabels(Map<String, String> labels) {
            Map<String, String> group = new TreeMap<>();
            if (groupBy.contains("...")) {
                group.putAll(labels);
            } else {
                for (String name : groupBy) {
                    group.put(name, labels.getOrDefault(name, ""));
                }
            }
            return group;
        }
    }

    /** Alertmanager's inhibit rule: a firing source alert mutes target alerts that share the {@code equal} labels. */
    public record InhibitRule(List<LabelMatcher> sourceMatchers, List<LabelMatcher> targetMatchers, List<String> equal) {

        public boolean isSource(Map<String, String> labels) {
            return sourceMatchers.stream().allMatch(m -> m.matches(labels));
        }

        public boolean isTarget(Map<String, String> labels) {
            return targetMatchers.stream().allMatch(m -> m.matches(labels));
        }

        public boolean sameEqualLabels(Map<String, String> source, Map<String, String> target) {
            return equal.stream().allMatch(n -> source.getOrDefault(n, "").equals(target.getOrDefault(n, "")));
        }
    }

    /** An alert that changed between firing and resolved {@code transitions} times within {@code window} is flapping. */
    public record Flapping(int transitions, Duration window) { }

    public Route routeFor(Map<String, String> labels) {
        for (Route route : routes) {
            if (route.matches(labels)) {
                return route;
            }
        }
        return routes.get(routes.size() - 1);
    }

    public Route route(String id) {
        return routes.stream().filter(r -> r.id().equals(id)).findFirst().orElse(routes.get(routes.size() - 1));
    }
}
