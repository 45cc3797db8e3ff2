package io.aiopshub.remediation.run;

import io.aiopshub.support.EmbeddedPostgresServer;

/** The action-run state machine on a real PostgreSQL, in a database of its own. */
class PostgresActionRunStoreTest extends ActionRunStoreContract {

    private static String url;

    @Override
    RunnerFixture fixture() {
        synchronized (PostgresActionRunStoreTest.class) {
            if (url == null) {
                url = EmbeddedPostgresServer.freshDatabase("action_runs");
            }
        }
        return new RunnerFixture(url, "postgres");
    }
}
