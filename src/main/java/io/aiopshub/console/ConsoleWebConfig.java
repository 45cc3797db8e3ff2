package io.aiopshub.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's static files live under {@code /console/} too, so one path prefix is all a reverse proxy
 * has to forward and the console's security chain covers them.
 */
@Configuration
public class ConsoleWebConfig implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/assets/**").addResourceLocations("classpath:/console/assets/");
        registry.addResourceHandler("/console/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/");
    }
}
