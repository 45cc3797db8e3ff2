package io.aiopshub.incident;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiopshub.config.HubMetrics;

/**
 * Applies edits of the alert-routing file while the hub runs, like the route file watcher does for route
 * files: a changed file is parsed and checked whole, then replaces the policy in one step; a broken,
 * missing or half-written file leaves the policy in force alone, says why in the log and counts in
 * {@code aiops_routing_reloads_total{outcome}}. Incidents keep their group; new alerts and the next
 * flush use the new routes, timings, inhibition and flapping settings.
 */
public class RoutingPolicyWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingPolicyWatcher.class);

    private final CurrentRoutingPolicy current;
    private final RoutingPolicyLoader loader;
    private final HubMetrics metrics;
    private final Path file;
    private final Duration pollInterval;
    /** The text last looked at (applied or rejected): unchanged text is not parsed or reported again. */
    private String seen;
    private boolean reportedMissing;
    private ScheduledExecutorService poller;

    public RoutingPolicyWatcher(CurrentRoutingPolicy current, RoutingPolicyLoader loader, HubMetrics metrics, Path file,
                                Duration pollInterval) {
        this.current = current;
        this.loader = loader;
        this.metrics = metrics;
        this.file = file;
        this.pollInterval = pollInterval;
        this.seen = read();
        // Started on the bundled default: a missing file is the normal case, not news.
        this.reportedMissing = seen == null;
    }

    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "routing-file-watcher"));
        long period = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, period, period, TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for alert routing changes every {}", file.toAbsolutePath(), pollInterval);
    }

    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // Caught so the schedule goes on: an escaping throwable would silently stop all later polls.
            LOG.error("Alert routing check failed", e);
        }
    }

    /** One look at the file: applies it when it changed and is valid. */
    synchronized void poll() {
        String text = read();
        if (text == null) {
            if (!reportedMissing) {
                reportedMissing = true;
                metrics.routingReload("missing");
                LOG.warn("Alert routing file {} is gone; the routing in force stays until it is back", file.toAbsolutePath());
            }
            return;
        }
        reportedMissing = false;
        if (text.equals(seen) || text.isBlank()) {
            // Unchanged, or probably being written (a non-atomic save): looked at again next time.
            return;
        }
        seen = text;
        RoutingPolicy policy;
        try {
            policy = loader.parseText(text, file.toString());
        } catch (RuntimeException e) {
            metrics.routingReload("invalid");
            LOG.error("Alert routing file {} not applied: {}. The routing in force is unchanged.", file.toAbsolutePath(),
                    e.getMessage());
            return;
        }
        current.replace(policy);
        metrics.routingReload("success");
        LOG.info("Alert routing reloaded from {}: {} routes, {} inhibit rules", file.toAbsolutePath(), policy.routes().size(),
                policy.inhibitRules().size());
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.debug("Cannot read {} now: {}", file, e.getMessage());
            return seen;
        }
    }
}
