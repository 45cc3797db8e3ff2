package io.aiopshub.routes;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PackageScanResourceResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Route files found through symbolic links, what they define, and the {@code routes} readiness indicator. */
@Configuration(proxyBeanMethods = false)
public class RouteReadinessConfig {

    /**
     * Puts the link-following scan in place as soon as the CamelContext exists: Camel Spring Boot loads the
     * route files before any {@code CamelContextConfiguration} callback runs.
     */
    @Bean
    static BeanPostProcessor symlinkFollowingRouteScan() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof CamelContext camel) {
                    SymlinkFollowingResourceResolver resolver = new SymlinkFollowingResourceResolver();
                    resolver.setCamelContext(camel);
                    camel.getCamelContextExtension().addContextPlugin(PackageScanResourceResolver.class, resolver);
                }
                return bean;
            }
        };
    }

    @Bean
    RouteFileInventory routeFileInventory(@Value("${camel.main.routes-include-pattern:}") String includePattern) {
        return RouteFileInventory.scan(includePattern);
    }

    @Bean
    RoutesReadiness routesHealthIndicator(CamelContext camel, RouteFileInventory inventory,
                                          ObjectProvider<RequestMappingHandlerMapping> mappings) {
        return new RoutesReadiness(camel, inventory, mappings);
    }
}
