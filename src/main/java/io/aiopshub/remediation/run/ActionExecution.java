package io.aiopshub.remediation.run;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * PREPARE and EXECUTE of a run this instance claimed (route {@code remediation-execute}). Every write
 * checks that the run is still in {@code running} and held by this instance: when the lease was lost (the
 * executor hung past every timeout) the sweeper made it {@code outcome_unknown}, and a result arriving
 * afterwards is only noted on the run's history.
 */
@Component("actionExecution")
public class ActionExecution {

    private static final Logger LOG = LoggerFactory.getLogger(ActionExecution.class);
    public static final String PREPARED = "action_prepared";
    public static final String LATE_RESULT = "action_late_result";

    private final ActionRunStore store;
    private final ActionCatalog catalog;
    private final RunTexts texts;
    private final RunEndings endings;
    private final InstanceId instance;
    private final Clock clock;

    public ActionExecution(ActionRunStore store, ActionCatalog catalog, RunTexts texts, RunEndings endings,
                           InstanceId instance, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.texts = texts;
        this.endings = endings;
        this.instance = instance;
        this.clock = clock;
    }

    /**
     * The run as stored now: an execution thread takes it up only while it is still running and held by
     * this instance (a run that waited for a thread longer than its lease is outcome_unknown by then).
     */
    public ActionRun current(ActionRun run) {
        ActionRun now = store.find(run.id()).orElseThrow();
        if (now.state() != ActionRunState.RUNNING || !instance.id().equals(now.claimedBy())) {
            LOG.warn("Run {} is {} when its execution would start; nothing is run", run.id(), now.state().id());
        }
        return now;
    }

    public boolean startable(ActionRun run) {
        return run.state() == ActionRunState.RUNNING && instance.id().equals(run.claimedBy());
    }

    public ExecutorRequest prepareRequest(ActionRun run) {
        return request(run, ExecutorPhase.PREPARE);
    }

    /** Keeps what PREPARE returned for EXECUTE and ROLLBACK; a failed PREPARE fails the run before anything changed. */
    public ActionRun prepared(ActionRun run, ExecutorResult result) {
        if (!result.succeeded()) {
            return end(run, Move.of(ActionRunState.RUNNING, ActionRunState.FAILED).by(instance.id())
                    .because("prepare failed, nothing was executed: " + texts.summary(result))
                    .set(RunColumn.OUTPUT, texts.of(result)), result, ExecutorPhase.PREPARE);
        }
        if (!store.update(run.id(), ActionRunState.RUNNING, instance.id(),
                Map.of(RunColumn.EXECUTOR_STATE_JSON, merged(run, result)))) {
            return late(run, ExecutorPhase.PREPARE, result);
        }
        store.note(run, PREPARED, instance.id(), texts.summary(result));
        return store.find(run.id()).orElseThrow();
    }

    public ExecutorRequest executeRequest(ActionRun run) {
        return request(run, ExecutorPhase.EXECUTE);
    }

    /**
     * The execution's outcome: {@code verifying} until the catalog's verify deadline, {@code succeeded} at
     * once when the catalog declares no verify, {@code failed} when the executor failed.
     */
    public ActionRun executed(ActionRun run, ExecutorResult result) {
        ActionDefinition action = catalog.get(run.actionId()).orElseThrow();
        String summary = texts.summary(result);
        Move move;
        if (!result.succeeded()) {
            move = Move.of(ActionRunState.RUNNING, ActionRunState.FAILED).because("execution failed: " + summary);
        } else if (action.verify() == null) {
            move = Move.of(ActionRunState.RUNNING, ActionRunState.SUCCEEDED)
                    .because("executed: " + summary + "; the catalog declares no verify for " + action.id());
        } else {
            Instant deadline = clock.instant().plus(action.verify().withinOrDefault());
            move = Move.of(ActionRunState.RUNNING, ActionRunState.VERIFYING)
                    .because("executed: " + summary + "; verifying until " + deadline
                            + (action.verify().description() == null ? "" : ": " + action.verify().description()))
                    .set(RunColumn.VERIFY_DEADLINE, deadline);
        }
        move.by(instance.id()).set(RunColumn.OUTPUT, texts.of(result)).set(RunColumn.EXECUTOR_STATE_JSON, merged(run, result));
        return end(run, move, result, ExecutorPhase.EXECUTE);
    }

    private ActionRun end(ActionRun run, Move move, ExecutorResult result, ExecutorPhase phase) {
        if (!store.move(run.id(), move.heldBy(instance.id()))) {
            return late(run, phase, result);
        }
        return move.to().isFinal() ? endings.ended(run.id()) : store.find(run.id()).orElseThrow();
    }

    private ActionRun late(ActionRun run, ExecutorPhase phase, ExecutorResult result) {
        ActionRun now = store.find(run.id()).orElseThrow();
        LOG.warn("Run {} is {} (no longer running on {}); the {} result arrived late", run.id(), now.state().id(),
                instance.id(), phase);
        store.note(now, LATE_RESULT, instance.id(), phase + " " + (result.succeeded() ? "succeeded" : "failed")
                + " after the run became " + now.state().id() + ": " + texts.summary(result));
        return now;
    }

    private ExecutorRequest request(ActionRun run, ExecutorPhase phase) {
        ActionRun current = store.find(run.id()).orElseThrow();
        ActionDefinition action = catalog.get(run.actionId()).orElseThrow();
        return new ExecutorRequest(run.id(), phase, action, current.parameters(), current.executorState(),
                action.timeoutOrDefault());
    }

    private static Map<String, String> merged(ActionRun run, ExecutorResult result) {
        Map<String, String> state = new LinkedHashMap<>(run.executorState());
        state.putAll(result.state());
        return state;
    }
}
