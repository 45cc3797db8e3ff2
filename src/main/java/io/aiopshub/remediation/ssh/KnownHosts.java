package io.aiopshub.remediation.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Reads known_hosts the way camel-ssh 4.17's {@code ResourceBasedSSHKeyVerifier} does, so the dry run and the
 * pre-flight say what camel-ssh will decide: lines of exactly three space-separated fields
 * ({@code hosts keytype base64-key}, so no comments, markers or hashed names); the first line whose host field
 * contains the host name, {@code [name]:port}, the address or {@code [address]:port} decides; its key must equal
 * the presented one.
 */
final class KnownHosts {

    private final Path file;

    KnownHosts(Path file) {
        this.file = file;
    }

    HostKeyVerdict check(String host, int port, SocketAddress remote, PublicKey presented) {
        String type = KeyUtils.getKeyType(presented);
        String fingerprint = fingerprint(presented);
        List<String> lines;
        try {
            lines = List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n"));
        } catch (IOException | RuntimeException e) {
            return new HostKeyVerdict(HostKeyVerdict.Status.UNKNOWN, host, port, type, fingerprint, null, null, 0,
                    file.toString(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        List<String> tokens = tokens(remote);
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(" ");
            if (fields.length != 3 || tokens.stream().noneMatch(fields[0]::contains)) {
                continue;
            }
            PublicKey expected = parse(fields[1], fields[2]);
            if (expected == null) {
                continue;
            }
            boolean same = KeyUtils.compareKeys(expected, presented);
            return new HostKeyVerdict(same ? HostKeyVerdict.Status.MATCH : HostKeyVerdict.Status.MISMATCH, host, port,
                    type, fingerprint, KeyUtils.getKeyType(expected), fingerprint(expected), i + 1, file.toString(), null);
        }
        return new HostKeyVerdict(HostKeyVerdict.Status.UNKNOWN, host, port, type, fingerprint, null, null, 0,
                file.toString(), null);
    }

    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** The names camel-ssh looks for, from the address the session connected to. */
    private static List<String> tokens(SocketAddress remote) {
        List<String> tokens = new ArrayList<>();
        if (remote instanceof InetSocketAddress inet) {
            String name = inet.getHostName();
            tokens.add(name);
            tokens.add("[" + name + "]:" + inet.getPort());
            if (inet.getAddress() != null) {
                String address = inet.getAddress().getHostAddress();
                tokens.add(address);
                tokens.add("[" + address + "]:" + inet.getPort());
            }
        }
        return tokens;
    }

    /** The key of one line, or null when it cannot be decoded (camel-ssh then reads on, and so do we). */
    private static PublicKey parse(String type, String base64) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(type + " " + base64)
                    .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }
}
