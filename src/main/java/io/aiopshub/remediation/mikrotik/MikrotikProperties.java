package io.aiopshub.remediation.mikrotik;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aiops.remediation.mikrotik.*}: the RouterOS router the mikrotik executor talks to over the API
 * (API-SSL on 8729 unless {@code tls: false}).
 */
@ConfigurationProperties(prefix = "aiops.remediation.mikrotik")
public class MikrotikProperties {

    /** Router host name or address; empty: the executor is not configured and every phase says so. */
    private String host = "";
    /** API port; null means 8729 with TLS, 8728 without. */
    private Integer port;
    /** API-SSL. Plain text (8728) only when set to false explicitly: the password crosses the wire at login. */
    private boolean tls = true;
    /**
     * PEM file with the certificate(s) to trust for the router, typically its own self-signed certificate;
     * only these are trusted. Empty: the JVM's default trust store.
     */
    private String caFile = "";
    /** Check that the certificate names the host (subject alternative name); needs the host in the certificate. */
    private boolean verifyHostname = true;
    /** API user (a RouterOS user in a group with the api policy, plus read/write as the actions need). */
    private String username = "";
    /** Its password; never logged or shown. */
    private String password = "";
    /** TCP connect, and the TLS handshake as well when tls is on. */
    private Duration connectTimeout = Duration.ofSeconds(5);
    /** Longest wait for the router's next bytes; the action's timeout bounds the whole call as well. */
    private Duration readTimeout = Duration.ofSeconds(15);

    /** The property that is missing for the executor to work, or null when configured. */
    public String missingSetting() {
        if (host == null || host.isBlank()) {
            return "host";
        }
        if (username == null || username.isBlank()) {
            return "username";
        }
        return null;
    }

    public int effectivePort() {
        return port != null ? port : tls ? 8729 : 8728;
    }

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public boolean isTls() { return tls; }
    public void setTls(boolean tls) { this.tls = tls; }
    public String getCaFile() { return caFile; }
    public void setCaFile(String caFile) { this.caFile = caFile; }
    public boolean isVerifyHostname() { return verifyHostname; }
    public void setVerifyHostname(boolean verifyHostname) { this.verifyHostname = verifyHostname; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
}
