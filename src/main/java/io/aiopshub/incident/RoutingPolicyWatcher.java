package io.aiopshub.incident;

import java.nio.file.Path;
import java.time.Duration;

import io.aiopshub.config.HubMetrics;
import io.aiopshub.config.WatchedConfigFile;

/**
 * Applies edits of the alert-routing file while the hub runs, like the route file watcher does for route
 * files: a changed file is parsed and checked whole, then replaces the policy in one step; a broken,
 * missing or half-written file leaves the policy in force alone, says why in the log and counts in
 * {@code aiops_routing_reloads_total{outcome}}. Incidents keep their group; new alerts and the next
 * flush use the new routes, timings, inhibition and flapping settings.
 */
public class RoutingPolicyWatcher {

    private final WatchedConfigFile<RoutingPolicy> file;

    public RoutingPolicyWatcher(CurrentRoutingPolicy current, RoutingPolicyLoader loader, HubMetrics metrics, Path file, Duration pollInterval) {
        this.file = new WatchedConfigFile<>("Alert routing", file, pollInterval, new WatchedConfigFile.Handler<>() {
            @Override
            public RoutingPolicy parse(String text, String source) {
                return loader.parseText(text, source);
            }

            @Override
            public void apply(RoutingPolicy policy) {
                current.replace(policy);
            }

            @Override
            public String describe(RoutingPolicy policy) {
                return policy.routes().size() + " routes, " + policy.inhibitRules().size() + " inhibit rules";
            }

            @Override
            public void outcome(String outcome) {
                metrics.routingReload(outcome);
            }
        });
    }

    public void start() {
        file.start("routing-file-watcher");
    }

    public void stop() {
        file.stop();
    }

    /** One look at the file: applies it when it changed and is valid. */
    void poll() {
        file.poll();
    }
}
