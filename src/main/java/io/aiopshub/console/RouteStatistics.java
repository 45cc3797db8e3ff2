package io.aiopshub.console;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.springframework.stereotype.Component;

import io.aiopshub.redact.Redactor;

/**
 * Every running Camel route with Camel's own statistics: the route's MBean from camel-management
 * ({@link ManagedCamelContext}), which counts at route level only ({@code camel.main.jmx-management-statistics-level:
 * RoutesOnly}). A route without an MBean (JMX off, or a route Camel does not register) still shows its status
 * from the route controller, marked as having no statistics.
 */
@Component
public class RouteStatistics {

    private final CamelContext camel;
    private final RouteRates rates;
    private final Redactor redactor;

    public RouteStatistics(CamelContext camel, RouteRates rates, Redactor redactor) {
        this.camel = camel;
        this.rates = rates;
        this.redactor = redactor;
    }

    /** The routes by id; {@code filesByRoute} names the route file of routes whose MBean does not know it. */
    public List<RouteRow> routes(Map<String, String> filesByRoute) {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        return camel.getRoutes().stream()
                .sorted(Comparator.comparing(Route::getRouteId))
                .map(route -> row(route, managed, filesByRoute.get(route.getRouteId())))
                .toList();
    }

    private RouteRow row(Route route, ManagedCamelContext managed, String file) {
        String id = route.getRouteId();
        ManagedRouteMBean mbean = managed == null ? null : registered(managed, id);
        if (mbean == null) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(id);
            return new RouteRow(id, description(route.getDescription()), source(route.getSourceLocation(), file),
                    status == null ? ServiceStatus.Stopped.name() : status.name(), route.getUptime(), false,
                    0, 0, 0, 0, 0, 0, null, "");
        }
        long total = mbean.getExchangesTotal();
        long uptime = mbean.getUptimeMillis();
        RouteRates.Rate rate = rates.rate(id, total, uptime);
        return new RouteRow(id, description(mbean.getDescription()), source(mbean.getSourceLocation(), file),
                mbean.getState(), mbean.getUptime(), true, total, mbean.getExchangesCompleted(),
                mbean.getExchangesFailed(), mbean.getExchangesInflight(), mbean.getMeanProcessingTime(),
                mbean.getLastProcessingTime(), rate.perMinute(), rate.since());
    }

    /** The route's MBean proxy, or null when no MBean is registered for it (reading one would throw). */
    private static ManagedRouteMBean registered(ManagedCamelContext managed, String id) {
        ManagedRouteMBean mbean = managed.getManagedRoute(id);
        if (mbean == null) {
            return null;
        }
        try {
            mbean.getRouteId();
            return mbean;
        } catch (RuntimeException notRegistered) {
            // The proxy exists for any route; its MBean may not (routes from kamelets are not registered).
            return null;
        }
    }

    private String description(String text) {
        return text == null || text.isBlank() ? null : redactor.redact(text);
    }

    private static String source(String location, String file) {
        return location == null || location.isBlank() ? file : location;
    }
}
