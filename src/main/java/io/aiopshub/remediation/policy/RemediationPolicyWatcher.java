package io.aiopshub.remediation.policy;

import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import io.aiopshub.config.WatchedConfigFile;

/**
 * Applies edits of the remediation policy file while the hub runs, as the alert-routing watcher does: a
 * changed file is parsed and checked whole, then replaces the policy in one step; a broken, missing or
 * half-written file leaves the policy in force, says why in the log (every problem) and counts in
 * {@code aiops_remediation_policy_reloads_total{outcome=success|invalid|missing}}.
 */
public class RemediationPolicyWatcher {

    private final WatchedConfigFile<RemediationPolicy> file;

    public RemediationPolicyWatcher(CurrentRemediationPolicy current, RemediationPolicyLoader loader, MeterRegistry meters, Path file, Duration pollInterval) {
        this.file = new WatchedConfigFile<>("Remediation policy", file, pollInterval, new WatchedConfigFile.Handler<>() {
            @Override
            public RemediationPolicy parse(String text, String source) {
                return loader.parseText(text, source);
            }

            @Override
            public void apply(RemediationPolicy policy) {
                current.replace(policy);
            }

            @Override
            public String describe(RemediationPolicy policy) {
                return RemediationPolicyLoader.summary(policy);
            }

            @Override
            public void outcome(String outcome) {
                meters.counter("aiops.remediation.policy.reloads", "outcome", outcome).increment();
            }
        });
    }

    public void start() {
        file.start("remediation-policy-watcher");
    }

    public void stop() {
        file.stop();
    }

    /** One look at the file: applies it when it changed and is valid. */
    void poll() {
        file.poll();
    }
}
