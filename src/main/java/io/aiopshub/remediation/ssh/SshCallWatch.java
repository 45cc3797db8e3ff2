package io.aiopshub.remediation.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.springframework.stereotype.Component;

/**
 * Our side of the command timeout. camel-ssh 4.17 waits for the remote command without limit and ignores
 * interrupts, so a host that stops answering would hold the route forever: the clients camel-ssh builds (from
 * {@link #clientBuilder()}) report each session they open to the watch armed on the calling thread, and when
 * the deadline passes the watch closes that session, which ends camel-ssh's wait.
 */
@Component
public class SshCallWatch {

    /** The watch of the call running on each thread (camel-ssh connects on the thread of the route). */
    private final ThreadLocal<Watch> current = new ThreadLocal<>();

    /** Starts the deadline of the call about to run on this thread. */
    Watch arm(Duration deadline) {
        Watch watch = new Watch();
        current.set(watch);
        CompletableFuture.delayedExecutor(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS).execute(watch::expire);
        return watch;
    }

    /** Ends the watch of this thread; the deadline then does nothing. */
    void disarm() {
        Watch watch = current.get();
        current.remove();
        if (watch != null) {
            watch.finish();
        }
    }

    /** What camel-ssh's {@code clientBuilder} option gets: clients whose sessions this watch can close. */
    public ClientBuilder clientBuilder() {
        return new WatchedClientBuilder(this);
    }

    private void connecting(ConnectFuture future) {
        Watch watch = current.get();
        if (watch != null) {
            future.addListener(done -> {
                if (done.isConnected()) {
                    watch.attach(done.getSession());
                }
            });
        }
    }

    /** The deadline of one call. */
    static final class Watch {

        private boolean expired;
        private boolean finished;
        private ClientSession session;

        synchronized boolean expired() {
            return expired;
        }

        private synchronized void attach(ClientSession opened) {
            if (expired) {
                opened.close(true);
            } else if (!finished) {
                session = opened;
            }
        }

        private synchronized void expire() {
            if (finished) {
                return;
            }
            expired = true;
            if (session != null) {
                session.close(true);
            }
        }

        private synchronized void finish() {
            finished = true;
            session = null;
        }
    }

    /** Builds {@link WatchedSshClient}s; synchronized because camel-ssh producers may build at the same time. */
    private static final class WatchedClientBuilder extends ClientBuilder {

        WatchedClientBuilder(SshCallWatch watch) {
            factory(() -> new WatchedSshClient(watch));
        }

        @Override
        public synchronized SshClient build(boolean isFillWithDefaultValues) {
            return super.build(isFillWithDefaultValues);
        }
    }

    /** camel-ssh connects with (user, host, port), which ends in this overload. */
    private static final class WatchedSshClient extends SshClient {

        private final SshCallWatch watch;

        WatchedSshClient(SshCallWatch watch) {
            this.watch = watch;
        }

        @Override
        public ConnectFuture connect(String username, String host, int port, AttributeRepository context,
                                     SocketAddress localAddress) throws IOException {
            ConnectFuture future = super.connect(username, host, port, context, localAddress);
            watch.connecting(future);
            return future;
        }
    }
}
