package io.aiopshub.routes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumerAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Readiness of the routes ({@code routes} in /actuator/health and its readiness group): UP only when
 * Camel has started, every route the route files define runs (or is switched off by its own
 * {@code autoStartup}), and every HTTP operation of those routes is mapped in Spring MVC, so that the
 * API answers instead of 404. DOWN names what is missing: a pattern that matched no file, a file that
 * defines nothing, a route that is absent or stopped, an operation not yet served.
 */
public class RoutesReadiness implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesReadiness.class);

    private final CamelContext camel;
    private final RouteFileInventory inventory;
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    /** The last verdict, so that a change is logged once rather than on every probe. */
    private final AtomicReference<String> lastProblem = new AtomicReference<>("");

    public RoutesReadiness(CamelContext camel, RouteFileInventory inventory,
                           ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.camel = camel;
        this.inventory = inventory;
        this.mappings = mappings;
    }

    @Override
    public Health health() {
        Map<String, Object> problems = new LinkedHashMap<>(inventory.problems());
        int expected = 0;
        List<String> disabled = new ArrayList<>();
        if (camel.getStatus() != ServiceStatus.Started) {
            problems.put("camel", "Camel is " + camel.getStatus());
        } else {
            for (Map.Entry<String, List<String>> file : inventory.expectedRouteIds().entrySet()) {
                for (String id : file.getValue()) {
                    expected++;
                    String problem = routeProblem(id, disabled);
                    if (problem != null) {
                        problems.put(id, problem + " (from " + file.getKey() + ")");
                    }
                }
            }
            problems.putAll(unservedOperations());
        }
        logChange(problems);
        Health.Builder health = problems.isEmpty() ? Health.up() : Health.down().withDetail("problems", problems);
        health.withDetail("expectedRoutes", expected);
        if (!disabled.isEmpty()) {
            health.withDetail("disabled", disabled);
        }
        return health.build();
    }

    private String routeProblem(String id, List<String> disabled) {
        Route route = camel.getRoute(id);
        if (route == null) {
            return "route is not loaded";
        }
        ServiceStatus status = camel.getRouteController().getRouteStatus(id);
        if (status == ServiceStatus.Started) {
            return null;
        }
        if (Boolean.FALSE.equals(route.isAutoStartup()) && status == ServiceStatus.Stopped) {
            disabled.add(id);
            return null;
        }
        return "route is " + status;
    }

    /** Started HTTP routes whose consumer Spring MVC does not dispatch to (yet). */
    private Map<String, String> unservedOperations() {
        Set<Object> handlers = Collections.newSetFromMap(new IdentityHashMap<>());
        mappings.orderedStream().forEach(mapping -> mapping.getHandlerMethods().values().stream()
                .map(HandlerMethod::getBean).forEach(handlers::add));
        Map<String, String> unserved = new LinkedHashMap<>();
        for (Route route : camel.getRoutes()) {
            Consumer consumer = route.getConsumer();
            // Spring MVC dispatches to the engine's consumer, which the route's consumer wraps.
            Object served = consumer instanceof PlatformHttpConsumerAware aware && aware.getPlatformHttpConsumer() != null
                    ? aware.getPlatformHttpConsumer() : consumer;
            if (consumer != null && consumer.getEndpoint() instanceof PlatformHttpEndpoint endpoint
                    && camel.getRouteController().getRouteStatus(route.getRouteId()) == ServiceStatus.Started
                    && !handlers.contains(served)) {
                unserved.put(route.getRouteId(), "HTTP path " + endpoint.getPath() + " is not served yet");
            }
        }
        return unserved;
    }

    private void logChange(Map<String, Object> problems) {
        String now = problems.toString();
        String before = lastProblem.getAndSet(now);
        if (now.equals(before)) {
            return;
        }
        if (problems.isEmpty()) {
            LOG.info("Routes ready: every route from the route files is running and every HTTP operation is served");
        } else if (camel.getStatus() == ServiceStatus.Started) {
            LOG.warn("Routes not ready: {}", problems);
        } else {
            LOG.debug("Routes not ready yet: {}", problems);
        }
    }
}
