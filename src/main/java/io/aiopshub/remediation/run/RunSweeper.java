package io.aiopshub.remediation.run;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;

/**
 * Route {@code remediation-sweeper}, on every instance and once at start: approvals nobody decided expire;
 * running and verifying runs whose lease ran out (their instance died or hung) become
 * {@code outcome_unknown} and are never re-run by themselves; proposals whose dry run never finished fail.
 * Every move is a compare-and-set, so instances sweeping at the same time move each run once.
 */
@Component("runSweeper")
public class RunSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(RunSweeper.class);
    private static final int BATCH = 100;

    private final ActionRunStore store;
    private final ActionCatalog catalog;
    private final RunEndings endings;
    private final InstanceId instance;
    private final RunnerProperties properties;
    private final Clock clock;

    public RunSweeper(ActionRunStore store, ActionCatalog catalog, RunEndings endings, InstanceId instance,
                      RunnerProperties properties, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.endings = endings;
        this.instance = instance;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs awaiting approval past their expiry, and approved runs the limits kept from launching until then. */
    public int expire() {
        Instant now = clock.instant();
        int expired = 0;
        for (ActionRun run : store.expiredIn(ActionRunState.AWAITING_APPROVAL, now, BATCH)) {
            expired += end(run, Move.of(ActionRunState.AWAITING_APPROVAL, ActionRunState.EXPIRED)
                    .because("no decision before " + run.expiresAt()));
        }
        for (ActionRun run : store.expiredIn(ActionRunState.APPROVED, now, BATCH)) {
            expired += end(run, Move.of(ActionRunState.APPROVED, ActionRunState.EXPIRED)
                    .because("approved, but the policy's limits kept it from starting before " + run.expiresAt()));
        }
        return expired;
    }

    /** Running and verifying runs whose instance stopped renewing the lease: the outcome is unknown. */
    public int recover() {
        Instant now = clock.instant();
        int recovered = 0;
        for (ActionRun run : store.leaseLost(now, BATCH)) {
            Move move = Move.of(run.state(), ActionRunState.OUTCOME_UNKNOWN).leaseExpiredBefore(now)
                    .because("instance " + run.claimedBy() + " stopped renewing its lease (held until " + run.leaseUntil()
                            + ") while the run was " + run.state().id() + ": the action may or may not have taken effect. "
                            + "It is not run again by itself; check " + run.target() + " and propose it again if needed");
            if (end(run, move) == 1) {
                recovered++;
                LOG.warn("Action run {} ({} on {}) lost its lease on {}: outcome unknown", run.id(), run.actionId(),
                        run.target(), run.claimedBy());
            }
        }
        return recovered;
    }

    /** Proposals whose dry run should have ended long ago: the instance proposing them stopped. */
    public int failStaleProposals() {
        Instant now = clock.instant();
        int failed = 0;
        for (ActionRun run : store.inState(ActionRunState.PROPOSED, BATCH)) {
            Instant due = run.createdAt().plus(catalog.get(run.actionId()).map(ActionDefinition::timeoutOrDefault)
                    .orElse(ActionDefinition.DEFAULT_TIMEOUT)).plus(properties.getLease());
            if (now.isAfter(due)) {
                failed += end(run, Move.of(ActionRunState.PROPOSED, ActionRunState.FAILED)
                        .because("the dry run did not finish by " + due + " (the hub instance proposing it stopped); "
                                + "nothing was executed, propose it again"));
            }
        }
        return failed;
    }

    private int end(ActionRun run, Move move) {
        if (!store.move(run.id(), move.by(instance.id()))) {
            return 0;
        }
        endings.ended(run.id());
        return 1;
    }
}
