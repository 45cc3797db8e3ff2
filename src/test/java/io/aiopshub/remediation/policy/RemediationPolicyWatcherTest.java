package io.aiopshub.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.catalog.Risk;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Editing config/remediation.yaml in a running hub: real files, real edits, the real loader. */
class RemediationPolicyWatcherTest {

    static final String NOBODY = "approvers: {high: []}\n";
    static final String ALICE_AND_BOB = "approvers: {high: [alice, bob]}\nlimits: {max_concurrent_runs: 1}\n";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RemediationPolicyLoader loader = new RemediationPolicyLoader(TestCatalog.load());

    @Test
    void validEditsApplyAndBrokenOnesLeaveThePolicyInForce() throws IOException {
        Path file = Files.createTempDirectory("remediation").resolve("remediation.yaml");
        write(file, NOBODY);
        CurrentRemediationPolicy current = new CurrentRemediationPolicy(loader.load(file.toString()));
        RemediationPolicyWatcher watcher = new RemediationPolicyWatcher(current, loader, registry, file, Duration.ofSeconds(1));

        watcher.poll();
        assertThat(reloads("success")).as("unchanged file: nothing to do").isZero();

        write(file, ALICE_AND_BOB);
        watcher.poll();
        RemediationPolicy applied = current.get();
        assertThat(applied.mayApprove(Risk.HIGH, "alice")).isTrue();
        assertThat(applied.limits().maxConcurrentRuns()).isEqualTo(1);
        assertThat(reloads("success")).isEqualTo(1);

        write(file, ALICE_AND_BOB.replace("bob", "*"));
        watcher.poll();
        assertThat(current.get()).as("an identity that is no identity: the old policy stays").isSameAs(applied);
        write(file, "auto_run: [{action: restart_service, matchers: ['alertname=\"X\"']}]\n");
        watcher.poll();
        write(file, "approvers: {high: [alice\n");
        watcher.poll();
        write(file, "limits: {max_concurrent_runs: 0}\n");
        watcher.poll();
        assertThat(current.get()).isSameAs(applied);
        assertThat(current.get().mayApprove(Risk.HIGH, "bob")).isTrue();
        assertThat(reloads("invalid")).isEqualTo(4);

        write(file, "");
        watcher.poll();
        assertThat(current.get()).as("half-written: waited for").isSameAs(applied);
        Files.delete(file);
        watcher.poll();
        watcher.poll();
        assertThat(current.get()).isSameAs(applied);
        assertThat(reloads("missing")).as("reported once").isEqualTo(1);

        write(file, NOBODY);
        watcher.poll();
        assertThat(current.get().mayApprove(Risk.HIGH, "alice")).isFalse();
        assertThat(reloads("success")).isEqualTo(2);
    }

    @Test
    void theRunningWatcherPicksUpAnEditByItself() throws IOException {
        Path file = Files.createTempDirectory("remediation").resolve("remediation.yaml");
        write(file, NOBODY);
        CurrentRemediationPolicy current = new CurrentRemediationPolicy(loader.load(file.toString()));
        RemediationPolicyWatcher watcher = new RemediationPolicyWatcher(current, loader, registry, file, Duration.ofMillis(50));
        watcher.start();
        try {
            write(file, ALICE_AND_BOB);
            await().atMost(Duration.ofSeconds(10)).until(() -> current.get().mayApprove(Risk.HIGH, "bob"));
        } finally {
            watcher.stop();
        }
    }

    private double reloads(String outcome) {
        var counter = registry.find("aiops.remediation.policy.reloads").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Writes atomically (temp file + rename), as editors and config management do. */
    private static void write(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".remediation", ".part");
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
