package io.aiopshub.remediation.run;

/** The action-run state machine on H2, the embedded default database. */
class H2ActionRunStoreTest extends ActionRunStoreContract {

    @Override
    RunnerFixture fixture() {
        return new RunnerFixture("jdbc:h2:mem:action-run-store;DB_CLOSE_DELAY=-1", "sa");
    }
}
