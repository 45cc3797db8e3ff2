package io.aiopshub.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import io.aiopshub.config.HubMetrics;

/**
 * Applies edits to route files while the hub runs, closing the gaps of Camel 4.17's development reload:
 * a changed file is validated (with all other files) before anything is touched and then replaces only
 * its own routes, templates and configurations; a broken file leaves the running routes alone and is
 * reported (log, metric {@code aiops_routes_reloads_total}, health detail); a deleted file's routes
 * stop; templated routes in other files are re-created when the template they use changes. Empty
 * (half-written) files are waited for. Files with REST definitions are not reloaded: the HTTP
 * mappings are registered at start, so they report that a restart is needed.
 */
public class RouteFileWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFileWatcher.class);

    /** A file's state as the health endpoint and the console show it; {@code at}: when the watcher last set it. */
    public record FileStatus(String status, String detail, Instant at) { }

    private final CamelContext camel;
    private final RouteFileValidator validator;
    private final HubMetrics metrics;
    private final RouteFileProperties properties;
    private final Path directory;
    private final RouteFileInventory inventory;
    private final Clock clock;
    /** The text each file had when it was last applied successfully. */
    private final Map<Path, String> applied = new LinkedHashMap<>();
    private final Map<Path, FileStatus> statuses = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;

    public RouteFileWatcher(CamelContext camel, RouteFileValidator validator, HubMetrics metrics,
                            RouteFileProperties properties, RouteFileInventory inventory, Clock clock) {
        this.camel = camel;
        this.clock = clock;
        this.inventory = inventory;
        this.validator = validator;
        this.metrics = metrics;
        this.properties = properties;
        this.directory = Path.of(properties.getDirectory()).toAbsolutePath().normalize();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        for (Map.Entry<Path, String> file : readDirectory().entrySet()) {
            applied.put(file.getKey(), file.getValue());
            statuses.put(file.getKey(), status("ok", "loaded at start"));
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "route-file-watcher"));
        long period = properties.getPollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, period, period, TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for route changes every {}", directory, properties.getPollInterval());
    }

    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    public Map<String, FileStatus> statuses() {
        Map<String, FileStatus> view = new TreeMap<>();
        statuses.forEach((file, status) -> view.put(file.getFileName().toString(), status));
        return view;
    }

    private FileStatus status(String status, String detail) {
        return new FileStatus(status, detail, clock.instant());
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // Caught so the schedule goes on: an escaping throwable would silently stop all later polls.
            LOG.error("Route file check failed", e);
        }
    }

    /** One pass over the directory: applies every change found. */
    synchronized void poll() {
        Map<Path, String> current = readDirectory();
        for (Path gone : new ArrayList<>(applied.keySet())) {
            if (!current.containsKey(gone)) {
                delete(gone);
            }
        }
        for (Map.Entry<Path, String> file : current.entrySet()) {
            String before = applied.get(file.getKey());
            if (file.getValue().isBlank()) {
                // Probably being written (non-atomic save): look again next time.
                statuses.put(file.getKey(), status("waiting", "file is empty"));
                continue;
            }
            if (!file.getValue().equals(before) && !isKnownInvalid(file.getKey(), file.getValue())) {
                apply(file.getKey(), file.getValue(), current);
            }
        }
    }

    private final Map<Path, String> rejected = new ConcurrentHashMap<>();

    private boolean isKnownInvalid(Path file, String text) {
        return text.equals(rejected.get(file));
    }

    private void apply(Path file, String text, Map<Path, String> current) {
        Map<Path, String> candidate = new LinkedHashMap<>(applied);
        candidate.keySet().retainAll(current.keySet());
        candidate.put(file, text);
        RouteFileValidator.FileResult result = validator.validate(candidate).get(file);
        if (!result.valid()) {
            reject(file, text, "invalid", result.problem());
            return;
        }
        String old = applied.get(file);
        RouteFileContents oldContents = old == null ? RouteFileContents.EMPTY : RouteFileContents.of(old);
        RouteFileContents newContents = RouteFileContents.of(text);
        if (oldContents.hasRest() || newContents.hasRest()) {
            reject(file, text, "restart-required", "REST definitions are registered at start; restart the hub to apply this file");
            return;
        }
        try {
            remove(oldContents);
            add(file, text);
        } catch (Exception e) {
            LOG.error("Route file {} passed validation but could not be applied; restoring the previous version: {}",
                    file.getFileName(), RouteFileValidator.describe(e));
            try {
                remove(newContents);
                if (old != null) {
                    add(file, old);
                }
            } catch (Exception restoreFailure) {
                LOG.error("Restoring {} failed too", file.getFileName(), restoreFailure);
            }
            reject(file, text, "failed", RouteFileValidator.describe(e));
            return;
        }
        applied.put(file, text);
        inventory.update(RouteFileInventory.key(file), text);
        rejected.remove(file);
        statuses.put(file, status("ok", "reloaded: " + newContents.runningRouteIds().size() + " routes"));
        metrics.routeReload("success");
        LOG.info("Route file {} applied: routes {}", file.getFileName(), newContents.runningRouteIds());
        recreateTemplateUsers(file, oldContents, newContents);
    }

    private void recreateTemplateUsers(Path changed, RouteFileContents oldContents, RouteFileContents newContents) {
        Set<String> templates = new HashSet<>(oldContents.templateIds());
        templates.addAll(newContents.templateIds());
        if (templates.isEmpty()) {
            return;
        }
        for (Map.Entry<Path, String> other : new ArrayList<>(applied.entrySet())) {
            if (other.getKey().equals(changed)) {
                continue;
            }
            RouteFileContents contents = RouteFileContents.of(other.getValue());
            if (contents.usedTemplates().stream().anyMatch(templates::contains)) {
                try {
                    remove(contents);
                    add(other.getKey(), other.getValue());
                    LOG.info("Re-created templated routes of {} after template change in {}", other.getKey().getFileName(),
                            changed.getFileName());
                } catch (Exception e) {
                    statuses.put(other.getKey(), status("failed", "re-creating templated routes: "
                            + RouteFileValidator.describe(e)));
                    LOG.error("Re-creating templated routes of {} failed", other.getKey().getFileName(), e);
                }
            }
        }
    }

    private void delete(Path file) {
        RouteFileContents contents = RouteFileContents.of(applied.get(file));
        try {
            remove(contents);
            applied.remove(file);
            inventory.remove(RouteFileInventory.key(file));
            rejected.remove(file);
            statuses.remove(file);
            metrics.routeReload("success");
            LOG.info("Route file {} deleted: stopped and removed routes {}", file.getFileName(), contents.runningRouteIds());
        } catch (Exception e) {
            statuses.put(file, status("failed", "removing routes of deleted file: " + RouteFileValidator.describe(e)));
            metrics.routeReload("failed");
            LOG.error("Removing the routes of deleted file {} failed", file.getFileName(), e);
        }
    }

    private void reject(Path file, String text, String outcome, String problem) {
        rejected.put(file, text);
        statuses.put(file, status(outcome, problem));
        metrics.routeReload(outcome);
        LOG.error("Route file {} not applied ({}): {}. The running routes are unchanged.", file.getFileName(), outcome, problem);
    }

    private void remove(RouteFileContents contents) throws Exception {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (String id : contents.runningRouteIds()) {
            RouteDefinition definition = model.getRouteDefinition(id);
            if (definition != null) {
                model.removeRouteDefinition(definition);
            } else if (camel.getRoute(id) != null) {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            }
        }
        for (String id : contents.templateIds()) {
            model.removeRouteTemplateDefinitions(id);
        }
        for (String id : contents.configurationIds()) {
            RouteConfigurationDefinition definition = model.getRouteConfigurationDefinition(id);
            if (definition != null) {
                model.removeRouteConfiguration(definition);
            }
        }
    }

    private void add(Path file, String text) throws Exception {
        Path location = Path.of(properties.getDirectory()).resolve(file.getFileName());
        for (RoutesBuilder builder : RouteFileValidator.builders(camel, location, text)) {
            camel.addRoutes(builder);
        }
        // Camel 4.17 keeps a re-added templatedRoute's old instance: create each one again from the template.
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (RouteFileContents.TemplatedRoute templated : RouteFileContents.of(text).templatedRoutes()) {
            RouteDefinition existing = model.getRouteDefinition(templated.routeId());
            if (existing != null) {
                model.removeRouteDefinition(existing);
            }
            model.addRouteFromTemplate(templated.routeId(), templated.templateRef(), templated.parameters());
        }
    }

    private Map<Path, String> readDirectory() {
        if (!Files.isDirectory(directory)) {
            // Gone for a moment (a volume being remounted): not a reason to remove every route.
            throw new IllegalStateException("route directory " + directory + " is not there");
        }
        Map<Path, String> files = new TreeMap<>();
        List<Path> found = new ArrayList<>(RouteFileFinder.find(directory, "*.yaml"));
        found.addAll(RouteFileFinder.find(directory, "*.yml"));
        for (Path file : found) {
            try {
                files.put(file.toAbsolutePath().normalize(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                // Vanished or unreadable between listing and reading: seen on the next poll.
                LOG.debug("Cannot read {} now: {}", file, e.getMessage());
            }
        }
        return files;
    }
}
