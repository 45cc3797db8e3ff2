package io.aiopshub.remediation.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.remediation.RemediationGuard;
import io.aiopshub.remediation.catalog.ActionCatalog;

/**
 * Tells the policy that a run reached a final state, after the move committed. A failure of the policy
 * here (its notification, its breaker bookkeeping) is logged; the run's state stands.
 */
@Component
public class RunEndings {

    private static final Logger LOG = LoggerFactory.getLogger(RunEndings.class);

    private final ActionRunStore store;
    private final ActionCatalog catalog;
    private final RemediationGuard guard;
    private final RunFactsReader facts;

    public RunEndings(ActionRunStore store, ActionCatalog catalog, RemediationGuard guard, RunFactsReader facts) {
        this.store = store;
        this.catalog = catalog;
        this.guard = guard;
        this.facts = facts;
    }

    /** The run as stored now, after the policy heard of its end when that end is final. */
    public ActionRun ended(String runId) {
        ActionRun run = store.find(runId).orElseThrow();
        if (run.state().isFinal()) {
            catalog.get(run.actionId()).ifPresentOrElse(action -> {
                try {
                    guard.afterRunEnded(action, facts.of(run), run.state());
                } catch (RuntimeException e) {
                    LOG.error("The remediation policy failed on the end of run {} ({}): {}", run.id(), run.state().id(),
                            e.getMessage(), e);
                }
            }, () -> LOG.warn("Run {} ended as {}, but its action {} is no longer in the catalog", run.id(),
                    run.state().id(), run.actionId()));
        }
        return run;
    }
}
