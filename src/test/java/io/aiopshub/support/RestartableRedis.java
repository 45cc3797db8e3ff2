package io.aiopshub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import redis.embedded.RedisServer;

/**
 * A real Redis of one test's own, which the test may stop and start again on the same port (the shared
 * {@link EmbeddedRedisServer} must never be stopped). It keeps its data across a restart (append-only
 * file, fsync always), as a production Redis with persistence does.
 */
public final class RestartableRedis implements AutoCloseable {

    private final int port;
    private final Path dir;
    private RedisServer server;

    private RestartableRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    public static RestartableRedis start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            RestartableRedis redis = new RestartableRedis(socket.getLocalPort(), Files.createTempDirectory("redis-outage"));
            socket.close();
            redis.startAgain();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the process; clients see their connection closed and the port refusing connections. */
    public synchronized void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not stop", e);
        }
    }

    public synchronized void startAgain() {
        try {
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("dir " + dir.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("appendfsync always")
                    .setting("save \"\"")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start on port " + port, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (server.isActive()) {
                server.stop();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
