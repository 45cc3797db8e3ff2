package io.aiopshub.remediation.run;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;

/**
 * Route {@code remediation-leases}: renews the leases of the runs this instance holds, but only while a
 * run's current phase can still be working (its executor timeouts plus one lease). A run whose executor
 * hangs past all of them loses its lease, and the sweeper makes it {@code outcome_unknown} instead of
 * leaving it {@code running} forever.
 */
@Component("leaseKeeper")
public class LeaseKeeper {

    private final ActionRunStore store;
    private final ActionCatalog catalog;
    private final InstanceId instance;
    private final RunnerProperties properties;
    private final Clock clock;

    public LeaseKeeper(ActionRunStore store, ActionCatalog catalog, InstanceId instance, RunnerProperties properties,
                       Clock clock) {
        if (properties.getLeaseRenewal().compareTo(properties.getLease()) >= 0) {
            throw new IllegalArgumentException("aiops.remediation.lease-renewal (" + properties.getLeaseRenewal()
                    + ") must be shorter than aiops.remediation.lease (" + properties.getLease() + ")");
        }
        this.store = store;
        this.catalog = catalog;
        this.instance = instance;
        this.properties = properties;
        this.clock = clock;
    }

    /** Renews what may still be working; returns how many leases were renewed. */
    public int renew() {
        Instant now = clock.instant();
        int renewed = 0;
        for (ActionRun run : store.heldBy(instance.id())) {
            if (now.isBefore(workingUntil(run)) && store.renewLease(run.id(), run.state(), instance.id(), now,
                    now.plus(properties.getLease()))) {
                renewed++;
            }
        }
        return renewed;
    }

    /** PREPARE and EXECUTE while running; CHECK and ROLLBACK after the verify deadline; each bounded by the timeout. */
    private Instant workingUntil(ActionRun run) {
        java.time.Duration timeout = catalog.get(run.actionId()).map(ActionDefinition::timeoutOrDefault)
                .orElse(ActionDefinition.DEFAULT_TIMEOUT);
        Instant from = run.state() == ActionRunState.RUNNING || run.verifyDeadline() == null ? run.startedAt() : run.verifyDeadline();
        return (from == null ? clock.instant() : from).plus(timeout.multipliedBy(2)).plus(properties.getLease());
    }
}
