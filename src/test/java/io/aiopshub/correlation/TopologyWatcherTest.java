package io.aiopshub.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology file: parsed strictly, applied on edit, a broken edit keeps the topology in force. */
class TopologyWatcherTest {

    @TempDir Path dir;

    @Test
    void editsApplyAndABrokenEditKeepsTheTopologyInForce() throws Exception {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, "services:\n  api: {depends_on: [db], hosts: [app-1]}\n  db: {hosts: [db-1]}\n");
        TopologyLoader loader = new TopologyLoader();
        CurrentTopology current = new CurrentTopology(loader.load(file));
        TopologyWatcher watcher = new TopologyWatcher(current, loader, file, Duration.ofSeconds(1));
        assertThat(current.get().dependencies()).containsEntry("api", java.util.Set.of("db"));
        assertThat(current.get().servicesOn("db-1")).containsExactly("db");

        Files.writeString(file, "services:\n  api: {depends_on: [db, cache]}\n");
        watcher.poll();
        assertThat(current.get().dependencies().get("api")).containsExactlyInAnyOrder("db", "cache");

        Files.writeString(file, "services:\n  api: {depnds_on: [db]}\n");
        watcher.poll();
        assertThat(current.get().dependencies().get("api")).as("broken edit ignored").containsExactlyInAnyOrder("db", "cache");
    }

    @Test
    void mistakesAreNamed() {
        TopologyLoader loader = new TopologyLoader();
        assertThatThrownBy(() -> loader.parse("services:\n  api: {depends_on: db}\n", "t.yaml"))
                .hasMessageContaining("services.api.depends_on: must be a list");
        assertThatThrownBy(() -> loader.parse("services:\n  api: {depends_on: [api]}\n", "t.yaml"))
                .hasMessageContaining("cannot depend on itself");
        assertThatThrownBy(() -> loader.parse("servces: {}\n", "t.yaml")).hasMessageContaining("unknown key 'servces'");
        assertThat(loader.load(Path.of("does-not-exist.yaml")).services()).isEmpty();
    }
}
