package io.aiopshub.remediation.policy;

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

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies edits of the remediation policy file while the hub runs, as the alert-routing watcher does: a
 * changed file is parsed and checked whole, then replaces the policy in one step; a broken, missing or
 * half-written file leaves the policy in force, says why in the log (every problem) and counts in
 * {@code aiops_remediation_policy_reloads_total{outcome=success|invalid|missing}}.
 */
public class RemediationPolicyWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RemediationPolicyWatcher.class);

    private final CurrentRemediationPolicy current;
    private final RemediationPolicyLoader loader;
    private final MeterRegistry meters;
    private final Path file;
    private final Duration pollInterval;
    /** The text last looked at (applied or refused): unchanged text is not parsed or reported again. */
    private String seen;
    private boolean reportedMissing;
    private ScheduledExecutorService poller;

    public RemediationPolicyWatcher(CurrentRemediationPolicy current, RemediationPolicyLoader loader, MeterRegistry meters,
                                    Path file, Duration pollInterval) {
        this.current = current;
        this.loader = loader;
        this.meters = meters;
        this.file = file;
        this.pollInterval = pollInterval;
        this.seen = read();
        // Started on the bundled default: a missing file is the normal case, not news.
        this.reportedMissing = seen == null;
    }

    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "remediation-policy-watcher"));
        long period = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, period, period, TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for remediation policy changes every {}", file.toAbsolutePath(), pollInterval);
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
            LOG.error("Remediation policy check failed", e);
        }
    }

    /** One look at the file: applies it when it changed and is valid. */
    synchronized void poll() {
        String text = read();
        if (text == null) {
            if (!reportedMissing) {
                reportedMissing = true;
                count("missing");
                LOG.warn("Remediation policy file {} is gone; the policy in force stays until it is back", file.toAbsolutePath());
            }
            return;
        }
        reportedMissing = false;
        if (text.equals(seen) || text.isBlank()) {
            // Unchanged, or probably being written (a non-atomic save): looked at again next time.
            return;
        }
        seen = text;
        RemediationPolicy policy;
        try {
            policy = loader.parseText(text, file.toString());
        } catch (RuntimeException e) {
            count("invalid");
            LOG.error("Remediation policy file {} NOT applied; the policy in force is unchanged. {}", file.toAbsolutePath(),
                    e.getMessage());
            return;
        }
        current.replace(policy);
        count("success");
        LOG.info("Remediation policy reloaded from {}: {}", file.toAbsolutePath(), RemediationPolicyLoader.summary(policy));
    }

    private void count(String outcome) {
        meters.counter("aiops.remediation.policy.reloads", "outcome", outcome).increment();
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
