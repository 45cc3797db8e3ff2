package io.aiopshub.config;

import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;

import ch.qos.logback.classic.LoggerContext;

/**
 * Installs {@link KnownNoiseFilter} once Spring Boot has configured logging (it resets logback's context
 * while the application starts), before Camel starts any route.
 */
@Configuration(proxyBeanMethods = false)
public class LoggingConfig {

    public LoggingConfig() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            KnownNoiseFilter.install(context);
        }
    }
}
