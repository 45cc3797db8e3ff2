package io.aiopshub.api.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings under {@code aiops.security.*}; the defaults are the documented embedded defaults. */
@ConfigurationProperties(prefix = "aiops.security")
public class ApiSecurityProperties {

    /**
     * Bearer tokens with full API access, comma-separated, each {@code secret} or {@code name:secret}
     * (the name identifies the caller on the timeline; unnamed tokens are {@code api-token-1}, ...).
     * Empty: one is generated at start and logged once.
     */
    private List<String> apiTokens = new ArrayList<>();

    /** Tokens that may only scrape {@code /actuator/prometheus} (same format), e.g. for Prometheus. */
    private List<String> metricsTokens = new ArrayList<>();

    /** A request body must arrive within this time, or the request gets 408 (slow-body clients hold no thread for long). */
    private Duration bodyReadTimeout = Duration.ofSeconds(30);

    /** Request bodies held in memory at once, over all requests; beyond it requests get 503 with Retry-After. */
    private DataSize maxBufferedBodies = DataSize.ofMegabytes(64);

    public List<String> getApiTokens() { return apiTokens; }
    public void setApiTokens(List<String> apiTokens) { this.apiTokens = apiTokens; }
    public List<String> getMetricsTokens() { return metricsTokens; }
    public void setMetricsTokens(List<String> metricsTokens) { this.metricsTokens = metricsTokens; }
    public Duration getBodyReadTimeout() { return bodyReadTimeout; }
    public void setBodyReadTimeout(Duration bodyReadTimeout) { this.bodyReadTimeout = bodyReadTimeout; }
    public DataSize getMaxBufferedBodies() { return maxBufferedBodies; }
    public void setMaxBufferedBodies(DataSize maxBufferedBodies) { this.maxBufferedBodies = maxBufferedBodies; }
}
