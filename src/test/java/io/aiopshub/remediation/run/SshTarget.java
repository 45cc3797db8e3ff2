package io.aiopshub.remediation.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

import io.aiopshub.remediation.ssh.TestSshServer;

/**
 * A host for the real SSH executor: an in-process SSH server running real commands in a working directory
 * of its own, the hub's key file and a known_hosts file naming the server's key, and the settings
 * (aiops.remediation.ssh.*) that point the executor at it.
 */
public final class SshTarget implements AutoCloseable {

    public final Path work;
    private final TestSshServer server;
    private final Path key;
    private final Path knownHosts;

    public SshTarget() {
        try {
            Path dir = Files.createTempDirectory("ssh-target");
            work = Files.createDirectories(dir.resolve("work"));
            KeyPair client = TestSshServer.ed25519KeyPair();
            server = new TestSshServer(work, client.getPublic());
            key = dir.resolve("id_ed25519");
            try (OutputStream out = Files.newOutputStream(key)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "aiops test", null, out);
            }
            knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, server.knownHostsLine(server.hostKey().getPublic()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The executor's settings for this host (reach it as 127.0.0.1). */
    public Map<String, String> settings() {
        return Map.of("aiops.remediation.ssh.private-key-file", key.toString(),
                "aiops.remediation.ssh.known-hosts-file", knownHosts.toString(),
                "aiops.remediation.ssh.port", String.valueOf(server.port()),
                "aiops.remediation.ssh.username", System.getProperty("user.name"));
    }

    /** Every command line the host was asked to run. */
    public List<String> commands() {
        return server.commands();
    }

    public long ran(String commandPart) {
        return commands().stream().filter(c -> c.contains(commandPart)).count();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
