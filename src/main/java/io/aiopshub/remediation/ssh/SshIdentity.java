package io.aiopshub.remediation.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.springframework.stereotype.Component;

/**
 * The key the executor logs in with, for camel-ssh's {@code keyPairProvider} option: read from
 * {@code private-key-file} and decrypted with the passphrase, which so never appears in an endpoint URI. Kept
 * until the file changes (a replaced key needs no restart; decrypting with bcrypt on every login is slow).
 * Not itself a {@code KeyPairProvider}: making an instance of one initialises sshd's key and digest classes, which
 * register BouncyCastle (about a tenth of the hub's start); {@link SshExecutorConfig} adapts it on first use.
 */
@Component
public class SshIdentity {

    private final SshProperties properties;
    private volatile Loaded loaded;

    /** The keys of the file as it was when read. */
    private record Loaded(Path file, FileTime modified, long size, List<KeyPair> keys) { }

    public SshIdentity(SshProperties properties) {
        this.properties = properties;
    }

    /** {@code KeyPairProvider.loadKeys}: the keys of the file, read again only when it changed. */
    public Iterable<KeyPair> loadKeys(SessionContext session) throws IOException, GeneralSecurityException {
        return load(session);
    }

    /** Why the key cannot be used, or null when it loads. Names the file, never the passphrase. */
    String problem() {
        try {
            String type = KeyUtils.getKeyType(load(null).get(0));
            if (!SshAlgorithms.USER_KEY_TYPES.contains(type)) {
                return "the private key file " + properties.getPrivateKeyFile() + " holds a " + type
                        + " key; the ssh executor logs in with an ed25519 or RSA key";
            }
            return null;
        } catch (NoSuchFileException e) {
            return "the private key file " + properties.getPrivateKeyFile() + " does not exist";
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return "cannot read the private key file " + properties.getPrivateKeyFile() + ": " + HostKeyProbe.reason(e)
                    + (blank(properties.getPrivateKeyPassphrase()) ? " (is it encrypted? set "
                    + SshProperties.PREFIX + "private-key-passphrase)" : "");
        }
    }

    private List<KeyPair> load(SessionContext session) throws IOException, GeneralSecurityException {
        Path file = Path.of(properties.getPrivateKeyFile());
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        Loaded known = loaded;
        if (known != null && known.file().equals(file) && known.modified().equals(modified) && known.size() == size) {
            return known.keys();
        }
        List<KeyPair> keys = read(session, file);
        loaded = new Loaded(file, modified, size, List.copyOf(keys));
        return keys;
    }

    private List<KeyPair> read(SessionContext session, Path file) throws IOException, GeneralSecurityException {
        String passphrase = properties.getPrivateKeyPassphrase();
        FilePasswordProvider password = blank(passphrase) ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(passphrase);
        List<KeyPair> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> found = SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName(file.toString()), in, password);
            if (found != null) {
                found.forEach(keys::add);
            }
        }
        if (keys.isEmpty()) {
            throw new IOException("no private key in the file");
        }
        return keys;
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
