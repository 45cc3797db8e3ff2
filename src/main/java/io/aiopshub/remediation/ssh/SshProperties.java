package io.aiopshub.remediation.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aiops.remediation.ssh.*}: how the ssh executor logs in. It is configured when both the private key
 * and the known_hosts file are set; there is deliberately no password login and no "accept any host key".
 */
@ConfigurationProperties(prefix = "aiops.remediation.ssh")
public class SshProperties {

    static final String PREFIX = "aiops.remediation.ssh.";

    /** Login name on every host. */
    private String username = "aiops";
    /** OpenSSH or PEM private key file used to log in (key authentication only). */
    private String privateKeyFile;
    /** Passphrase of the private key, when it has one (secret). */
    private String privateKeyPassphrase;
    /** known_hosts file with one line 'host keytype base64-key' per host; unknown or changed host keys fail the run. */
    private String knownHostsFile;
    /** SSH port of every host not listed in {@code ports}. */
    private int port = 22;
    /** Port per host name, for hosts whose sshd does not listen on {@code port}. */
    private Map<String, Integer> ports = new LinkedHashMap<>();
    /** Limit of connecting, key exchange, authentication and opening the channel (camel-ssh's timeout). */
    private Duration connectTimeout = Duration.ofSeconds(10);
    /**
     * The hub gives up on a call this long after the action's timeout, closing the session: the remote
     * {@code timeout N} should have ended the command before, so this only fires when the host stops answering.
     */
    private Duration deadlineGrace = Duration.ofSeconds(5);

    /** The settings still missing, as full property names; empty when the executor can run. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (blank(privateKeyFile)) {
            missing.add(PREFIX + "private-key-file");
        }
        if (blank(knownHostsFile)) {
            missing.add(PREFIX + "known-hosts-file");
        }
        if (blank(username)) {
            missing.add(PREFIX + "username");
        }
        return missing;
    }

    public int portOf(String host) {
        Integer specific = ports.get(host);
        return specific == null ? port : specific;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPrivateKeyFile() { return privateKeyFile; }
    public void setPrivateKeyFile(String privateKeyFile) { this.privateKeyFile = privateKeyFile; }
    public String getPrivateKeyPassphrase() { return privateKeyPassphrase; }
    public void setPrivateKeyPassphrase(String privateKeyPassphrase) { this.privateKeyPassphrase = privateKeyPassphrase; }
    public String getKnownHostsFile() { return knownHostsFile; }
    public void setKnownHostsFile(String knownHostsFile) { this.knownHostsFile = knownHostsFile; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public Map<String, Integer> getPorts() { return ports; }
    public void setPorts(Map<String, Integer> ports) { this.ports = ports; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getDeadlineGrace() { return deadlineGrace; }
    public void setDeadlineGrace(Duration deadlineGrace) { this.deadlineGrace = deadlineGrace; }
}
