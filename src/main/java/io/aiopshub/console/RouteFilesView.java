package io.aiopshub.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.aiopshub.redact.Redactor;
import io.aiopshub.routes.RouteFileInventory;
import io.aiopshub.routes.RouteFileWatcher;
import io.aiopshub.routes.RouteFileWatcher.FileStatus;

/**
 * The route files and their state, put together from what the hub already keeps: the inventory (what each
 * applied file defines, and files or patterns found wrong at start) and, when {@code aiops.routes.reload} is on,
 * the watcher's verdict on each file's last change. Nothing is parsed here: a page view costs no validation.
 */
@Component
public class RouteFilesView {

    private static final String OK = "ok";

    private final RouteFileInventory inventory;
    private final ObjectProvider<RouteFileWatcher> watcher;
    private final Redactor redactor;

    public RouteFilesView(RouteFileInventory inventory, ObjectProvider<RouteFileWatcher> watcher, Redactor redactor) {
        this.inventory = inventory;
        this.watcher = watcher;
        this.redactor = redactor;
    }

    /** True when the watcher applies edits while the hub runs. */
    public boolean reloading() {
        return watcher.getIfAvailable() != null;
    }

    /** Each file by name: applied files, files the watcher knows of, and files or patterns with a problem. */
    public List<RouteFileRow> files() {
        RouteFileWatcher running = watcher.getIfAvailable();
        Map<String, FileStatus> statuses = running == null ? Map.of() : running.statuses();
        Map<String, String> problems = inventory.problems();
        Map<String, String> locations = new TreeMap<>();
        Map<String, List<String>> routes = new LinkedHashMap<>();
        inventory.expectedRouteIds().forEach((location, ids) -> {
            locations.put(name(location), location);
            routes.put(name(location), ids);
        });
        problems.keySet().forEach(location -> locations.putIfAbsent(name(location), location));
        statuses.keySet().forEach(file -> locations.putIfAbsent(file, file));

        List<RouteFileRow> rows = new ArrayList<>();
        locations.forEach((file, location) -> {
            FileStatus status = statuses.get(file);
            String problem = problems.get(location);
            String state;
            if (status != null && !OK.equals(status.status())) {
                state = status.status();
                problem = status.detail();
            } else if (problem != null) {
                state = "problem";
            } else {
                state = "valid";
            }
            rows.add(new RouteFileRow(file, location, routes.getOrDefault(file, List.of()), state,
                    problem == null ? null : redactor.redact(problem), status == null ? null : status.at(),
                    status == null ? null : status.status() + ": " + redactor.redact(status.detail())));
        });
        return rows;
    }

    /** Route id → the file it came from, for routes whose MBean does not carry a source location. */
    public Map<String, String> fileOfRoute() {
        Map<String, String> files = new LinkedHashMap<>();
        inventory.expectedRouteIds().forEach((location, ids) -> ids.forEach(id -> files.put(id, name(location))));
        return files;
    }

    /** A file's name: inventory keys are absolute paths or resource descriptions, the watcher's are names. */
    private static String name(String location) {
        if (location.contains("*")) {
            return location;
        }
        String plain = location.replaceFirst("^[a-z]+ resource \\[(.*)]$", "$1");
        try {
            Path file = Path.of(plain).getFileName();
            return file == null ? plain : file.toString();
        } catch (RuntimeException notAPath) {
            return plain;
        }
    }
}
