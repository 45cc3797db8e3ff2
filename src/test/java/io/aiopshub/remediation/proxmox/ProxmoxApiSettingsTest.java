package io.aiopshub.remediation.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the executor refuses at start: TLS can not be switched off, and a broken setting names itself. */
class ProxmoxApiSettingsTest {

    @Test
    void nothingSetIsNotConfiguredAndStarts() {
        ProxmoxApi api = new ProxmoxApi(new ProxmoxProperties(), Clock.systemUTC());
        assertThat(api.configured()).isFalse();
        assertThat(api.missingSettings()).containsExactly("aiops.remediation.proxmox.url",
                "aiops.remediation.proxmox.token-id", "aiops.remediation.proxmox.token-secret");
    }

    @Test
    void plainHttpIsRefused() {
        ProxmoxProperties properties = valid();
        properties.setUrl("http://pve-01.example.org:8006");
        assertThatThrownBy(() -> new ProxmoxApi(properties, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("aiops.remediation.proxmox.url 'http://pve-01.example.org:8006' must be https://host[:port]"
                        + " (TLS verification is always on; use ca-file for a private CA)");
    }

    @Test
    void aTokenIdWithoutRealmOrTokenNameIsRefusedWithoutShowingTheSecret() {
        ProxmoxProperties properties = valid();
        properties.setTokenId("root");
        assertThatThrownBy(() -> new ProxmoxApi(properties, Clock.systemUTC()))
                .hasMessage("aiops.remediation.proxmox.token-id 'root' is not USER@REALM!TOKENID")
                .message().doesNotContain(properties.getTokenSecret());
    }

    @Test
    void aCaFileWithoutCertificateIsRefused(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        ProxmoxProperties properties = valid();
        properties.setCaFile(notPem.toString());
        assertThatThrownBy(() -> new ProxmoxApi(properties, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("aiops.remediation.proxmox.ca-file " + notPem);
        properties.setCaFile(dir.resolve("missing.pem").toString());
        assertThatThrownBy(() -> new ProxmoxApi(properties, Clock.systemUTC()))
                .hasMessageStartingWith("aiops.remediation.proxmox.ca-file " + dir.resolve("missing.pem") + " cannot be used");
    }

    @Test
    void theApiPathIsAddedOnce() throws Exception {
        ProxmoxProperties properties = valid();
        properties.setUrl("https://pve-01.example.org:8006/api2/json/");
        assertThat(new ProxmoxApi(properties, Clock.systemUTC()).configured()).isTrue();
    }

    private static ProxmoxProperties valid() {
        ProxmoxProperties properties = new ProxmoxProperties();
        properties.setUrl("https://pve-01.example.org:8006");
        properties.setTokenId("aiops@pve!hub");
        properties.setTokenSecret("5f0c2b9e-7d41-4c1a-9e3b-8a6d2f1c0b7e");
        return properties;
    }
}
