package io.aiopshub.config;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code aiops.metrics.*}: bounds on the tag values clients control. */
@ConfigurationProperties(prefix = "aiops.metrics")
public class MetricsProperties {

    /** Event sources that always get their own {@code source} tag value (the hub's own sources by default). */
    private Set<String> knownSources = new LinkedHashSet<>(Set.of("alertmanager", "prometheus-rules", "log-templates"));

    /** Other sources that get their own tag value, first come first served; the rest count as {@code other}. */
    private int maxOtherSources = 20;

    public Set<String> getKnownSources() { return knownSources; }
    public void setKnownSources(Set<String> knownSources) { this.knownSources = knownSources; }
    public int getMaxOtherSources() { return maxOtherSources; }
    public void setMaxOtherSources(int maxOtherSources) { this.maxOtherSources = maxOtherSources; }
}
