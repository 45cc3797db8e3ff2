package io.aiopshub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/** One real Redis per test JVM on a free port, started on first use and stopped when the JVM exits. */
public final class EmbeddedRedisServer {

    private static RedisServer server;
    private static int port;

    private EmbeddedRedisServer() { }

    public static synchronized String url() {
        if (server == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                server = new RedisServer(port);
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded Redis did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return "redis://localhost:" + port;
    }
}
