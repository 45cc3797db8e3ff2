package io.aiopshub.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What one route file defines, by id: routes, templated routes (and the templates they use), route
 * templates, route configurations, REST operations (their ids are the ids of the routes Camel makes for
 * them) and whether it holds REST definitions. This is how the watcher knows which running parts belong
 * to a file, and how readiness knows which routes must be running.
 */
public record RouteFileContents(List<String> routeIds, List<TemplatedRoute> templatedRoutes, List<String> usedTemplates,
                                List<String> templateIds, List<String> configurationIds, boolean hasRest,
                                List<String> restRouteIds) {

    /** A {@code templatedRoute} entry: which template, which route id, which parameters. */
    public record TemplatedRoute(String routeId, String templateRef, Map<String, Object> parameters) { }

    private static final List<String> VERBS = List.of("get", "post", "put", "patch", "delete", "head", "options");

    static final RouteFileContents EMPTY = new RouteFileContents(List.of(), List.of(), List.of(), List.of(), List.of(), false,
            List.of());

    /** Reads the ids from YAML DSL text; the text is assumed to have passed validation. */
    @SuppressWarnings("unchecked")
    static RouteFileContents of(String text) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        List<String> routes = new ArrayList<>();
        List<TemplatedRoute> templated = new ArrayList<>();
        List<String> used = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        List<String> configurations = new ArrayList<>();
        List<String> restRoutes = new ArrayList<>();
        boolean rest = false;
        if (root instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> map)) {
                    continue;
                }
                Map<String, Object> entry = (Map<String, Object>) map;
                addId(routes, entry.get("route"), "id");
                if (entry.get("templatedRoute") instanceof Map<?, ?> t) {
                    templated.add(templatedRoute((Map<String, Object>) t));
                }
                addId(used, entry.get("templatedRoute"), "routeTemplateRef");
                addId(templates, entry.get("routeTemplate"), "id");
                addId(configurations, entry.get("routeConfiguration"), "id");
                rest |= entry.containsKey("rest") || entry.containsKey("restConfiguration");
                if (entry.get("rest") instanceof Map<?, ?> restNode) {
                    addRestOperationIds(restRoutes, (Map<String, Object>) restNode);
                }
            }
        }
        return new RouteFileContents(routes, templated, used, templates, configurations, rest, restRoutes);
    }

    /** True when the file defines nothing Camel would load: a mistake, or a file cut short. */
    boolean definesNothing() {
        return routeIds.isEmpty() && templatedRoutes.isEmpty() && templateIds.isEmpty() && configurationIds.isEmpty()
                && !hasRest;
    }

    /** Ids of every route that must run once the file is loaded: its routes, templated routes and REST operations. */
    List<String> expectedRouteIds() {
        List<String> all = runningRouteIds();
        all.addAll(restRouteIds);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static void addRestOperationIds(List<String> ids, Map<String, Object> rest) {
        for (String verb : VERBS) {
            if (rest.get(verb) instanceof List<?> operations) {
                for (Object operation : operations) {
                    if (operation instanceof Map<?, ?> map) {
                        addId(ids, (Map<String, Object>) map, "id");
                    }
                }
            }
        }
    }

    /** Ids of running routes that come from this file. */
    List<String> runningRouteIds() {
        List<String> all = new ArrayList<>(routeIds);
        templatedRoutes.forEach(t -> all.add(t.routeId()));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static TemplatedRoute templatedRoute(Map<String, Object> node) {
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        if (node.get("parameters") instanceof List<?> list) {
            for (Object p : list) {
                if (p instanceof Map<?, ?> parameter) {
                    Map<String, Object> entry = (Map<String, Object>) parameter;
                    parameters.put(String.valueOf(entry.get("name")), entry.get("value"));
                }
            }
        }
        return new TemplatedRoute(String.valueOf(node.get("routeId")), String.valueOf(node.get("routeTemplateRef")), parameters);
    }

    @SuppressWarnings("unchecked")
    private static void addId(List<String> ids, Object node, String key) {
        if (node instanceof Map<?, ?> map && ((Map<String, Object>) map).get(key) != null) {
            ids.add(String.valueOf(((Map<String, Object>) map).get(key)));
        }
    }
}
