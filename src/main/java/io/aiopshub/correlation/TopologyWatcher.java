package io.aiopshub.correlation;

import java.nio.file.Path;
import java.time.Duration;

import io.aiopshub.config.WatchedConfigFile;

/**
 * Applies edits of the topology file while the hub runs, like the alert-routing watcher: a broken,
 * missing or half-written file leaves the topology in force and says why in the log.
 */
public class TopologyWatcher {

    private final WatchedConfigFile<Topology> file;

    public TopologyWatcher(CurrentTopology current, TopologyLoader loader, Path file, Duration pollInterval) {
        this.file = new WatchedConfigFile<>("Topology", file, pollInterval, new WatchedConfigFile.Handler<>() {
            @Override
            public Topology parse(String text, String source) {
                return loader.parse(text, source);
            }

            @Override
            public void apply(Topology topology) {
                current.replace(topology);
            }

            @Override
            public String describe(Topology topology) {
                return topology.services().size() + " services";
            }

            @Override
            public void outcome(String outcome) {
                // the log line is the record; no metric for topology reloads yet
            }
        });
    }

    public void start() {
        file.start("topology-file-watcher");
    }

    public void stop() {
        file.stop();
    }

    /** One look at the file: applies it when it changed and is valid. */
    public void poll() {
        file.poll();
    }
}
