package io.aiopshub.store;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses to start on a connection that would acknowledge commits it has not written, because the
 * hub answers 202 right after its ingest commit. Reads what {@link DurableCommits} should have set,
 * through the pool itself, before the HTTP server accepts requests.
 */
@Component
public class CommitDurabilityCheck implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(CommitDurabilityCheck.class);

    private final JdbcTemplate jdbc;

    public CommitDurabilityCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Database(String product, String url) { }

    @Override
    public void afterPropertiesSet() {
        Database database = jdbc.execute((ConnectionCallback<Database>) c -> new Database(
                c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT), c.getMetaData().getURL()));
        if (database.product().equals("h2")) {
            checkH2(database.url());
        } else if (database.product().equals("postgresql")) {
            checkPostgres();
        } else {
            LOG.warn("Database {} is not one the hub knows: commit durability before a 202 is not verified",
                    database.product());
        }
    }

    private void checkH2(String url) {
        if (url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:")) {
            LOG.info("In-memory H2 database: nothing is kept across a restart");
            return;
        }
        // Two rows when it was ever SET: the persisted setting and the one in effect. Both must say 0.
        List<String> writeDelays = jdbc.queryForList(
                "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'", String.class);
        String writeDelay = writeDelays.stream().filter(value -> !"0".equals(value)).findFirst().orElse("0");
        if (writeDelays.isEmpty() || !"0".equals(writeDelay)) {
            throw new IllegalStateException("H2 WRITE_DELAY is " + writeDelay + " ms: commits would be acknowledged "
                    + "before they are written, and a 202 would not mean stored. Use a connection pool URL with "
                    + "WRITE_DELAY=0 (the hub adds it to HikariCP URLs).");
        }
        LOG.info("H2 writes each commit to its file before the commit returns (WRITE_DELAY=0): accepted alerts "
                + "survive a killed process; an operating-system crash or power loss can still lose the last ones");
    }

    private void checkPostgres() {
        String synchronousCommit = jdbc.queryForObject("select current_setting('synchronous_commit')", String.class);
        if ("off".equals(synchronousCommit)) {
            throw new IllegalStateException("PostgreSQL synchronous_commit is off for the hub's connections: commits "
                    + "would be acknowledged before their WAL is flushed, and a 202 would not mean stored. Remove "
                    + "the setting from the role or database, or from spring.datasource.hikari.connection-init-sql.");
        }
        String fsync = jdbc.queryForObject("select current_setting('fsync')", String.class);
        if ("off".equals(fsync)) {
            LOG.warn("PostgreSQL runs with fsync=off: a server crash can lose or corrupt committed data");
        }
        LOG.info("PostgreSQL commits wait for their WAL flush (synchronous_commit={})", synchronousCommit);
    }
}
