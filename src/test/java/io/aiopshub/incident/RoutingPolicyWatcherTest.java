package io.aiopshub.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiopshub.config.HubMetrics;
import io.aiopshub.config.MetricsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Editing config/alert-routing.yaml in a running hub: real files, real edits, the real parser. */
class RoutingPolicyWatcherTest {

    static final String TELEGRAM_ONLY = """
            defaults: {group_by: [alertname], group_wait: 30s}
            routes:
              - id: default
                channels: [telegram]
            """;
    static final String DATABASE_TO_EMAIL = """
            defaults: {group_by: [alertname], group_wait: 10s}
            routes:
              - id: database
                matchers: ['team="database"']
                channels: [email]
              - id: default
                channels: [telegram]
            """;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final HubMetrics metrics = new HubMetrics(registry, new MetricsProperties());
    final RoutingPolicyLoader loader = new RoutingPolicyLoader();

    @Test
    void validEditsApplyAndBrokenOnesLeaveThePolicyInForce() throws IOException {
        Path file = Files.createTempDirectory("routing").resolve("alert-routing.yaml");
        write(file, TELEGRAM_ONLY);
        CurrentRoutingPolicy current = new CurrentRoutingPolicy(loader.load(file.toString()));
        RoutingPolicyWatcher watcher = new RoutingPolicyWatcher(current, loader, metrics, file, Duration.ofSeconds(1));

        watcher.poll();
        assertThat(reloads("success")).as("unchanged file: nothing to do").isZero();

        write(file, DATABASE_TO_EMAIL);
        watcher.poll();
        RoutingPolicy applied = current.get();
        assertThat(applied.routeFor(Map.of("team", "database")).channels()).containsExactly("email");
        assertThat(applied.routeFor(Map.of()).groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(reloads("success")).isEqualTo(1);

        write(file, DATABASE_TO_EMAIL.replace("[email]", "[fax]"));
        watcher.poll();
        assertThat(current.get()).as("unknown channel: the old policy stays").isSameAs(applied);
        write(file, "routes: [{id: a, channels: [telegram]\n");
        watcher.poll();
        write(file, "routes: {id: not-a-list}\n");
        watcher.poll();
        write(file, DATABASE_TO_EMAIL.replace("team=\"database\"", "team=~\"(\""));
        watcher.poll();
        assertThat(current.get()).isSameAs(applied);
        assertThat(reloads("invalid")).isEqualTo(4);

        write(file, "");
        watcher.poll();
        assertThat(current.get()).as("half-written: waited for").isSameAs(applied);
        Files.delete(file);
        watcher.poll();
        watcher.poll();
        assertThat(current.get()).isSameAs(applied);
        assertThat(reloads("missing")).as("reported once").isEqualTo(1);

        write(file, TELEGRAM_ONLY);
        watcher.poll();
        assertThat(current.get().routeFor(Map.of("team", "database")).channels()).containsExactly("telegram");
        assertThat(reloads("success")).isEqualTo(2);
    }

    @Test
    void theRunningWatcherPicksUpAnEditByItself() throws IOException {
        Path file = Files.createTempDirectory("routing").resolve("alert-routing.yaml");
        write(file, TELEGRAM_ONLY);
        CurrentRoutingPolicy current = new CurrentRoutingPolicy(loader.load(file.toString()));
        RoutingPolicyWatcher watcher = new RoutingPolicyWatcher(current, loader, metrics, file, Duration.ofMillis(50));
        watcher.start();
        try {
            write(file, DATABASE_TO_EMAIL);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> current.get().routeFor(Map.of("team", "database")).channels().contains("email"));
        } finally {
            watcher.stop();
        }
    }

    private double reloads(String outcome) {
        var counter = registry.find("aiops.routing.reloads").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Writes atomically (temp file + rename), as editors and config management do. */
    private static void write(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".routing", ".part");
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
