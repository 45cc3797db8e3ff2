package io.aiopshub.routes;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code aiops.routes.*}: reloading route files without a restart. */
@ConfigurationProperties(prefix = "aiops.routes")
public class RouteFileProperties {

    /** Watch the route directory and apply edited, added and deleted files (validated first). */
    private boolean reload = false;
    /** The directory Camel loads routes from ({@code camel.main.routes-include-pattern} should point at it). */
    private String directory = "routes";
    /** How often the directory is checked. */
    private Duration pollInterval = Duration.ofSeconds(2);

    public boolean isReload() { return reload; }
    public void setReload(boolean reload) { this.reload = reload; }
    public String getDirectory() { return directory; }
    public void setDirectory(String directory) { this.directory = directory; }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
}
