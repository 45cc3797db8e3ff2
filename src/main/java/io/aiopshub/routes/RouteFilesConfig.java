package io.aiopshub.routes;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiopshub.config.HubMetrics;

/** The route file watcher and its health detail ({@code routeFiles}), when {@code aiops.routes.reload=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "aiops.routes", name = "reload", havingValue = "true")
public class RouteFilesConfig {

    @Bean(destroyMethod = "stop")
    RouteFileWatcher routeFileWatcher(CamelContext camel, HubMetrics metrics, RouteFileProperties properties,
                                      RouteFileInventory inventory, Clock clock) {
        return new RouteFileWatcher(camel, new RouteFileValidator(), metrics, properties, inventory, clock);
    }

    /**
     * Stays UP when a file is broken, because the hub keeps running the previous routes; the detail names
     * each file that was not applied, with the reason and line.
     */
    @Bean
    HealthIndicator routeFiles(RouteFileWatcher watcher) {
        return () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            watcher.statuses().forEach((file, status) -> details.put(file, status));
            return Health.up().withDetails(details).build();
        };
    }
}
