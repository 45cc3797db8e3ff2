package io.aiopshub.store;

import java.sql.Connection;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway V80, on H2 only: the id sequences of the tables written per alert hand out 1,000 values per
 * reservation instead of H2's default 32. H2 records every reservation in a commit of its own (a write to
 * the database file), so with 32 the incident engine wrote the file once more for every 32 timeline rows
 * and ingest for every 32 inbox rows. H2's sequence cache is one per database, so ids still follow the
 * order they were taken in; after a crash the unused rest of a reservation is skipped (a gap, no reuse).
 * PostgreSQL keeps its default: its cache is per connection, which would break that order (the inbox is
 * applied and the timeline read in id order).
 */
@Component
public class H2SequenceCaches implements JavaMigration {

    static final int CACHE = 1000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("80");
    }

    @Override
    public String getDescription() {
        return "h2 sequence caches";
    }

    @Override
    public Integer getChecksum() {
        return CACHE;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table alert_inbox alter column id set cache " + CACHE);
            statement.execute("alter table timeline_entries alter column id set cache " + CACHE);
            statement.execute("alter sequence alerts_seq cache " + CACHE);
        }
    }
}
