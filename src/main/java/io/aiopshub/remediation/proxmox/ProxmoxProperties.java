package io.aiopshub.remediation.proxmox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aiops.remediation.proxmox.*}: the Proxmox VE API the proxmox executor calls. Empty url, token id or
 * secret leave the executor unconfigured: the hub starts and every phase answers that it is not configured.
 * There is deliberately no switch that turns TLS verification off: a self-signed cluster is trusted through
 * {@link #caFile}.
 */
@ConfigurationProperties(prefix = "aiops.remediation.proxmox")
public class ProxmoxProperties {

    static final String PREFIX = "aiops.remediation.proxmox.";

    /** Base URL of one node or a load balancer, {@code https://pve-01.example.org:8006}; {@code /api2/json} is added. */
    private String url = "";
    /** API token id, {@code USER@REALM!TOKENID}. */
    private String tokenId = "";
    /** API token secret (a UUID). Never logged, never in a run's output. */
    private String tokenSecret = "";
    /** PEM file with the CA certificate(s) to trust instead of the JDK's trust store (the cluster's own CA). */
    private String caFile = "";
    /** TCP and TLS connect limit of one API call. */
    private Duration connectTimeout = Duration.ofSeconds(10);
    /** Answer limit of one API call (also capped by what is left of the phase's timeout). */
    private Duration readTimeout = Duration.ofSeconds(30);
    /** Pause between two polls of a running task. */
    private Duration pollInterval = Duration.ofSeconds(1);

    /** Names of the settings an executor needs and that are empty. */
    List<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        if (isBlank(url)) {
            missing.add(PREFIX + "url");
        }
        if (isBlank(tokenId)) {
            missing.add(PREFIX + "token-id");
        }
        if (isBlank(tokenSecret)) {
            missing.add(PREFIX + "token-secret");
        }
        return missing;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getTokenId() { return tokenId; }
    public void setTokenId(String tokenId) { this.tokenId = tokenId; }
    public String getTokenSecret() { return tokenSecret; }
    public void setTokenSecret(String tokenSecret) { this.tokenSecret = tokenSecret; }
    public String getCaFile() { return caFile; }
    public void setCaFile(String caFile) { this.caFile = caFile; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
}
