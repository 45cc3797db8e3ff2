package io.aiopshub.routes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.apache.camel.util.AntPathMatcher;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What the route files named by {@code camel.main.routes-include-pattern} define, file by file, as read at
 * start and then kept current by the route file watcher (only applied versions count). Readiness compares
 * this with the routes that actually run. A pattern that matches no file, an empty file and a file that
 * defines nothing are problems: each used to start a hub with missing routes that still said UP.
 */
public class RouteFileInventory {

    private final Map<String, RouteFileContents> files = new ConcurrentSkipListMap<>();
    private final Map<String, String> problems = new ConcurrentSkipListMap<>();

    /** Reads every file the patterns match (comma separated, {@code file:} or {@code classpath:}), following links. */
    public static RouteFileInventory scan(String includePatterns) {
        RouteFileInventory inventory = new RouteFileInventory();
        if (includePatterns == null) {
            return inventory;
        }
        for (String pattern : includePatterns.split(",")) {
            String trimmed = pattern.trim();
            if (!trimmed.isEmpty()) {
                inventory.scanPattern(trimmed);
            }
        }
        return inventory;
    }

    private void scanPattern(String pattern) {
        Map<String, String> texts = new TreeMap<>();
        try {
            if (pattern.startsWith("file:")) {
                for (Path file : files(pattern.substring("file:".length()))) {
                    texts.put(key(file), Files.readString(file, StandardCharsets.UTF_8));
                }
            } else {
                String location = pattern.startsWith("classpath:") ? "classpath*:" + pattern.substring("classpath:".length()) : pattern;
                for (Resource resource : new PathMatchingResourcePatternResolver().getResources(location)) {
                    if (resource.isReadable()) {
                        try (InputStream in = resource.getInputStream()) {
                            texts.put(resource.getDescription(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.put(pattern, "cannot read route files: " + e.getMessage());
            return;
        }
        if (texts.isEmpty()) {
            problems.put(pattern, "no route file matches " + pattern + " (working directory " + Path.of("").toAbsolutePath() + ")");
        }
        texts.forEach(this::update);
    }

    private static List<Path> files(String location) {
        if (!AntPathMatcher.INSTANCE.isPattern(location)) {
            Path file = Path.of(location);
            return Files.isRegularFile(file) ? List.of(file) : List.of();
        }
        String root = AntPathMatcher.INSTANCE.determineRootDir(location);
        return RouteFileFinder.find(Path.of(root.isEmpty() ? "." : root), location.substring(root.length()));
    }

    /** The key a file has here and in the watcher. */
    static String key(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    /** A file as loaded (at start, or applied by the watcher). */
    void update(String file, String text) {
        if (text == null || text.isBlank()) {
            files.remove(file);
            problems.put(file, "file is empty");
            return;
        }
        RouteFileContents contents;
        try {
            contents = RouteFileContents.of(text);
        } catch (RuntimeException e) {
            files.remove(file);
            problems.put(file, "cannot parse: " + RouteFileValidator.describe(e));
            return;
        }
        if (contents.definesNothing()) {
            files.remove(file);
            problems.put(file, "defines no routes, templates, configurations or REST operations");
            return;
        }
        files.put(file, contents);
        problems.remove(file);
    }

    /** A file that was deleted and whose routes were removed. */
    void remove(String file) {
        files.remove(file);
        problems.remove(file);
    }

    /** Route ids that must run, by file. */
    public Map<String, List<String>> expectedRouteIds() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        files.forEach((file, contents) -> expected.put(file, contents.expectedRouteIds()));
        return expected;
    }

    /** What is wrong with the files or patterns, by file or pattern; empty when nothing is. */
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }
}
