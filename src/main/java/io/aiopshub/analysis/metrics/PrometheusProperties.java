package io.aiopshub.analysis.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code aiops.prometheus.*}: evaluating Prometheus rule files against a Prometheus server. */
@ConfigurationProperties(prefix = "aiops.prometheus")
public class PrometheusProperties {

    /** Evaluate rules at all; needs {@link #baseUrl}. */
    private boolean enabled = false;
    /** Prometheus HTTP API base, e.g. http://prometheus:9090. */
    private String baseUrl = "http://localhost:9090";
    /** Directory of rule files (Prometheus format). */
    private String rulesDir = "config/rules";
    /** Interval of groups that set none. */
    private Duration defaultInterval = Duration.ofSeconds(30);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getRulesDir() { return rulesDir; }
    public void setRulesDir(String rulesDir) { this.rulesDir = rulesDir; }
    public Duration getDefaultInterval() { return defaultInterval; }
    public void setDefaultInterval(Duration defaultInterval) { this.defaultInterval = defaultInterval; }
}
