package io.aiopshub.remediation.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A real SSH server in the test's JVM (Apache MINA sshd): public-key login for one key, and every exec request
 * run by {@code /bin/sh -c} in a working directory, as the test user. It records each command line it got.
 * Public for the action runner's end-to-end tests, which run the real executor against it.
 */
public final class TestSshServer implements AutoCloseable {

    private final SshServer server = SshServer.setUpDefaultServer();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Map<SessionContext, Integer> sessionNumbers = new ConcurrentHashMap<>();
    private final Path workDir;
    private final KeyPair hostKey;
    private volatile PublicKey authorized;
    /** The host keys of the n-th session (from 0); by default always {@link #hostKey}. */
    private volatile IntFunction<List<KeyPair>> hostKeysOfSession;
    /** When set, commands start and never end: a host that stopped answering. */
    private volatile boolean unresponsive;

    public TestSshServer(Path workDir, PublicKey authorized) throws IOException {
        this(workDir, authorized, ed25519KeyPair());
    }

    TestSshServer(Path workDir, PublicKey authorized, KeyPair hostKey) throws IOException {
        this.hostKey = hostKey;
        this.hostKeysOfSession = n -> List.of(hostKey);
        this.workDir = workDir;
        this.authorized = authorized;
        server.setHost("127.0.0.1");
        // Only curve25519: the post-quantum exchanges sshd prefers cost seconds of CPU each in pure Java on a
        // busy machine, and the tests open two sessions per call. Real hosts negotiate whatever both sides prefer.
        server.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
                List.of(BuiltinDHFactories.curve25519), ServerBuilder.DH2KEX));
        server.setPort(0);
        server.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(SessionContext session) {
                int number = sessionNumbers.computeIfAbsent(session, s -> sessions.getAndIncrement());
                return hostKeysOfSession.apply(number);
            }
        });
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, this.authorized));
        server.setCommandFactory((channel, command) -> {
            commands.add(command);
            return new ShellCommand(command);
        });
        server.start();
    }

    /** An ed25519 key pair as sshd makes them (BouncyCastle), which its known_hosts and key file writers take. */
    public static KeyPair ed25519KeyPair() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public KeyPair hostKey() {
        return hostKey;
    }

    /** The known_hosts line for this server under {@code [127.0.0.1]:port} with the given key. */
    public String knownHostsLine(PublicKey key) {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key);
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    void reset(PublicKey authorizedKey) {
        commands.clear();
        sessions.set(0);
        sessionNumbers.clear();
        authorized = authorizedKey;
        unresponsive = false;
        hostKeysOfSession = n -> List.of(hostKey);
    }

    /** From now on, the n-th session's host key is {@code keys.apply(n)}. */
    void hostKeyOfSession(IntFunction<KeyPair> keys) {
        hostKeysOfSession = n -> List.of(keys.apply(n));
    }

    /** From now on the host also has this key, offered first, as OpenSSH hosts have several. */
    void alsoOffer(KeyPair other) {
        hostKeysOfSession = n -> List.of(other, hostKey);
    }

    void unresponsive() {
        unresponsive = true;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** One exec request: {@code /bin/sh -c command}, stdout and stderr passed back, then the exit value. */
    private final class ShellCommand implements Command {

        private final String command;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Process process;

        ShellCommand(String command) {
            this.command = command;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            if (unresponsive) {
                return;
            }
            process = new ProcessBuilder("/bin/sh", "-c", command).directory(workDir.toFile()).start();
            process.getOutputStream().close();
            Thread runner = new Thread(this::pump, "test-sshd-command");
            runner.setDaemon(true);
            runner.start();
        }

        private void pump() {
            try {
                Thread errors = new Thread(() -> copy(process.getErrorStream(), err), "test-sshd-stderr");
                errors.setDaemon(true);
                errors.start();
                copy(process.getInputStream(), out);
                errors.join();
                exit.onExit(process.waitFor());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit.onExit(255);
            }
        }

        private void copy(InputStream from, OutputStream to) {
            try (from) {
                from.transferTo(to);
                to.flush();
            } catch (IOException e) {
                // the channel closed first; the exit value still goes out if it can
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            Process running = process;
            if (running != null) {
                running.descendants().forEach(ProcessHandle::destroyForcibly);
                running.destroyForcibly();
            }
        }

        @Override
        public void setInputStream(InputStream in) {
            // commands get no input
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }
    }
}
