package io.aiopshub.remediation.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.component.ssh.SshUtils;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Reads the host key a server presents without logging in: an sshd client, offering the same host key
 * algorithms as the route's camel-ssh endpoint, records the key during the key exchange and closes the session;
 * it never authenticates nor opens a channel.
 */
final class HostKeyProbe {

    /** The key a host presented, with the address the session was connected to (what known_hosts is matched on). */
    record Presented(SocketAddress remote, PublicKey key) { }

    /** Either what the host presented or why it could not be read. */
    record Result(Presented presented, String problem) {

        boolean reached() {
            return presented != null;
        }
    }

    Result probe(String user, String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Presented> seen = new CompletableFuture<>();
        SshClient client = SshClient.setUpDefaultClient();
        SshUtils.configureSignatureAlgorithms(SshAlgorithms.SIGNATURES, client);
        // Accepting lets the key exchange end cleanly (refusing logs a warning per probe); the session is closed
        // right after, before any authentication.
        client.setServerKeyVerifier((session, remote, key) -> {
            seen.complete(new Presented(remote, key));
            return true;
        });
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionException(Session session, Throwable error) {
                seen.completeExceptionally(error);
            }
        });
        String where = host + ":" + port;
        try {
            client.start();
            ConnectFuture connect = client.connect(user, host, port);
            if (!connect.await(remaining(deadline), TimeUnit.NANOSECONDS)) {
                connect.cancel();
                return new Result(null, "cannot connect to " + where + ": no answer within " + seconds(timeout));
            }
            if (!connect.isConnected()) {
                return new Result(null, "cannot connect to " + where + ": " + reason(connect.getException()));
            }
            try (ClientSession session = connect.getSession()) {
                session.addCloseFutureListener(closed -> seen.completeExceptionally(
                        new IOException("the connection closed before the host showed its key")));
                return new Result(seen.get(remaining(deadline), TimeUnit.NANOSECONDS), null);
            }
        } catch (TimeoutException e) {
            return new Result(null, where + " accepted the connection but sent no host key within " + seconds(timeout));
        } catch (ExecutionException e) {
            return new Result(null, "cannot read the host key of " + where + ": " + reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted while reading the host key of " + where);
        } catch (IOException | RuntimeException e) {
            return new Result(null, "cannot connect to " + where + ": " + reason(e));
        } finally {
            client.stop();
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static String seconds(Duration timeout) {
        return SshCallPlanner.timeoutSeconds(timeout) + "s";
    }

    /** The innermost message, which is the one that names the cause (connection refused, unknown host). */
    static String reason(Throwable e) {
        if (e == null) {
            return "unknown reason";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof java.net.UnknownHostException) {
            return "unknown host name " + message;
        }
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
