package io.aiopshub.store;

import java.sql.Connection;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway V82, on H2 only: drops the two incident indexes that duplicate what H2 already has. H2 gives
 * every foreign key an index of its own on the referencing column ({@code alerts.incident_id},
 * {@code timeline_entries.incident_id}), and its secondary indexes end with the row's id, so that index
 * already finds an incident's rows in id order; {@code idx_alerts_incident} and {@code idx_timeline_incident}
 * were a second copy written for every alert and every timeline row. PostgreSQL indexes no foreign key by
 * itself: there those two are the only ones and stay.
 */
@Component
public class H2DuplicateIndexes implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("82");
    }

    @Override
    public String getDescription() {
        return "h2 duplicate indexes";
    }

    @Override
    public Integer getChecksum() {
        return 1;
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
            statement.execute("drop index idx_alerts_incident");
            statement.execute("drop index idx_timeline_incident");
        }
    }
}
