package io.aiopshub.routes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Checks a set of route files without a running hub: each is parsed by Camel's YAML DSL loader on a
 * scratch, never started context (so bean references need not exist), and route ids must be unique
 * across files. Camel's parse errors name the line and column.
 */
public class RouteFileValidator {

    /** The outcome for one file. {@code problem} is null when the file is valid. */
    public record FileResult(Path file, String problem, List<String> routeIds) {

        public boolean valid() {
            return problem == null;
        }
    }

    /**
     * Validates the files with the given contents (path → YAML text) together, in one scratch context,
     * so that a file may use route templates and configurations defined in another.
     */
    public Map<Path, FileResult> validate(Map<Path, String> files) {
        Map<Path, FileResult> results = new LinkedHashMap<>();
        DefaultCamelContext scratch = new DefaultCamelContext();
        try {
            Model model = scratch.getCamelContextExtension().getContextPlugin(Model.class);
            Map<String, Path> owners = new HashMap<>();
            for (Map.Entry<Path, String> file : files.entrySet()) {
                results.put(file.getKey(), parseInto(scratch, model, file.getKey(), file.getValue(), owners));
            }
        } finally {
            scratch.stop();
        }
        return results;
    }

    private FileResult parseInto(DefaultCamelContext scratch, Model model, Path file, String text, Map<String, Path> owners) {
        if (text == null || text.isBlank()) {
            return new FileResult(file, "file is empty", List.of());
        }
        String location = "file:" + file;
        try {
            for (RoutesBuilder builder : builders(scratch, file, text)) {
                scratch.addRoutes(builder);
            }
        } catch (Exception e) {
            return new FileResult(file, describe(e), List.of());
        }
        List<String> ids = new ArrayList<>();
        // Templated routes are only instantiated when a context starts: take their ids from the file.
        for (RouteFileContents.TemplatedRoute templated : RouteFileContents.of(text).templatedRoutes()) {
            Path other = owners.putIfAbsent(templated.routeId(), file);
            if (other != null && !other.equals(file)) {
                return new FileResult(file, "route id '" + templated.routeId() + "' is already defined in " + other.getFileName(), ids);
            }
            ids.add(templated.routeId());
        }
        for (RouteDefinition route : model.getRouteDefinitions()) {
            if (route.getResource() == null || !location.equals(route.getResource().getLocation()) || Boolean.TRUE.equals(route.isRest())) {
                continue;
            }
            String id = route.getRouteId();
            if (id == null) {
                return new FileResult(file, "a route has no explicit id (line " + route.getLineNumber() + ")", ids);
            }
            // Camel silently replaces a route with the same id; across files that is a mistake.
            Path other = owners.putIfAbsent(id, file);
            if (other != null && !other.equals(file)) {
                return new FileResult(file, "route id '" + id + "' is already defined in " + other.getFileName(), ids);
            }
            ids.add(id);
        }
        return new FileResult(file, null, ids);
    }

    static Collection<RoutesBuilder> builders(org.apache.camel.CamelContext context, Path file, String text) throws Exception {
        Resource resource = ResourceHelper.fromString("file:" + file, text);
        return PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(resource));
    }

    /** The most specific message of a failure, which for YAML errors carries the line and column. */
    static String describe(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !message.toString().contains(t.getMessage())) {
                if (!message.isEmpty()) {
                    message.append(" <- ");
                }
                message.append(t.getMessage().replaceAll("\\s+", " ").trim());
            }
        }
        return message.toString();
    }
}
