package io.aiopshub.remediation.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.RemediationGuard;
import io.aiopshub.remediation.RemediationGuard.LaunchVerdict;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;

/**
 * Claims approved runs for this instance (route {@code remediation-launch}). Each claim is one transaction
 * that holds the launch lock while the policy checks its limits and the run moves {@code approved ->
 * running}: two instances cannot both pass a "max concurrent runs" check, and only the instance whose
 * compare-and-set succeeded executes the run.
 */
@Component("actionLauncher")
public class ActionLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ActionLauncher.class);
    /** Approved runs one launcher pass looks at; the rest wait for the next pass. */
    private static final int BATCH = 50;

    private final ActionRunStore store;
    private final ActionCatalog catalog;
    private final RemediationGuard guard;
    private final RunFactsReader facts;
    private final RunEndings endings;
    private final TransactionTemplate transactions;
    private final InstanceId instance;
    private final RunnerProperties properties;
    private final Clock clock;

    public ActionLauncher(ActionRunStore store, ActionCatalog catalog, RemediationGuard guard, RunFactsReader facts,
                          RunEndings endings, TransactionTemplate transactions, InstanceId instance,
                          RunnerProperties properties, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.guard = guard;
        this.facts = facts;
        this.endings = endings;
        this.transactions = transactions;
        this.instance = instance;
        this.properties = properties;
        this.clock = clock;
    }

    /** The approved runs this instance claimed now, in state {@code running}; the caller executes them. */
    public List<ActionRun> claimApproved() {
        List<ActionRun> claimed = new ArrayList<>();
        for (ActionRun run : store.inState(ActionRunState.APPROVED, BATCH)) {
            claim(run.id()).ifPresent(claimed::add);
        }
        return claimed;
    }

    private Optional<ActionRun> claim(String runId) {
        Claim claim = transactions.execute(status -> {
            store.lockLaunches();
            ActionRun run = store.find(runId).orElseThrow();
            if (run.state() != ActionRunState.APPROVED) {
                return Claim.NONE;
            }
            Optional<ActionDefinition> action = catalog.get(run.actionId());
            LaunchVerdict verdict = action.isEmpty()
                    ? new LaunchVerdict(LaunchVerdict.Kind.REFUSE, "action " + run.actionId() + " is no longer in the catalog")
                    : guard.mayLaunch(action.get(), facts.of(run));
            Instant now = clock.instant();
            return switch (verdict.kind()) {
                case GO -> store.move(runId, Move.of(ActionRunState.APPROVED, ActionRunState.RUNNING).by(instance.id())
                        .because("launched on " + instance.id() + (verdict.reason() == null ? "" : ": " + verdict.reason()))
                        .set(RunColumn.CLAIMED_BY, instance.id()).set(RunColumn.LEASE_UNTIL, now.plus(properties.getLease()))
                        .set(RunColumn.STARTED_AT, now)) ? Claim.LAUNCHED : Claim.NONE;
                case WAIT -> {
                    LOG.debug("Run {} waits: {}", runId, verdict.reason());
                    yield Claim.NONE;
                }
                case REFUSE -> store.move(runId, Move.of(ActionRunState.APPROVED, ActionRunState.CANCELLED).by("policy")
                        .because("refused at launch: " + verdict.reason())) ? Claim.CANCELLED : Claim.NONE;
            };
        });
        if (claim == Claim.CANCELLED) {
            endings.ended(runId);
        }
        return claim == Claim.LAUNCHED ? store.find(runId) : Optional.empty();
    }

    private enum Claim { NONE, LAUNCHED, CANCELLED }
}
