package io.aiopshub.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** One real PostgreSQL per test JVM, started on first use and stopped when the JVM exits. */
public final class EmbeddedPostgresServer {

    private static EmbeddedPostgres postgres;

    private EmbeddedPostgresServer() { }

    public static synchronized String jdbcUrl() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A new empty database on the same server, for tests whose rows must not meet those of the tests
     * sharing database {@code postgres} (user {@code postgres}, no password).
     */
    public static synchronized String freshDatabase(String prefix) {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        String url = jdbcUrl();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "postgres", "");
             java.sql.Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return postgres.getJdbcUrl("postgres", name);
    }
}
