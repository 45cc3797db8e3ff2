package io.aiopshub.remediation.mikrotik;

import java.time.Duration;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * First stage of the route: turns the request into a {@link MikrotikPlan}, or answers at once when there is
 * nothing to send (not configured, PREPARE, no check or rollback declared, a value that cannot be sent).
 * Answering early means no connection is opened for a request that cannot succeed.
 */
@Component
public class MikrotikPlanner {

    /** Exchange property the route keeps the plan in, for the failure stage. */
    public static final String PLAN = "mikrotikPlan";

    private final MikrotikProperties properties;

    public MikrotikPlanner(MikrotikProperties properties) {
        this.properties = properties;
    }

    /** A {@link MikrotikPlan} to carry out, or the {@link ExecutorResult} that already answers the request. */
    public Object plan(ExecutorRequest request) {
        String missing = properties.missingSetting();
        if (missing != null) {
            return ExecutorResult.failure("mikrotik executor is not configured: set aiops.remediation.mikrotik." + missing, "");
        }
        ActionDefinition action = request.action();
        MikrotikUse use;
        Map<String, Object> map;
        switch (request.phase()) {
            case PREPARE -> {
                return ExecutorResult.success("nothing to prepare: the catalog's rollback undoes RouterOS changes", "");
            }
            case DRY_RUN, EXECUTE -> {
                use = MikrotikUse.RUN;
                map = action.run();
            }
            case CHECK -> {
                if (action.verify() == null || !action.verify().hasCheck()) {
                    return ExecutorResult.failure("this action declares no check", "");
                }
                use = MikrotikUse.CHECK;
                map = action.verify().check();
            }
            case ROLLBACK -> {
                if (!action.hasRollback()) {
                    return ExecutorResult.failure("this action declares no rollback", "");
                }
                use = MikrotikUse.ROLLBACK;
                map = action.rollback();
            }
            default -> throw new IllegalStateException("unknown phase " + request.phase());
        }
        MikrotikStep step;
        try {
            step = MikrotikSpecs.resolve(use, map, request.parameters());
        } catch (IllegalArgumentException e) {
            return ExecutorResult.failure("cannot build the RouterOS command of " + action.id() + ": " + e.getMessage(), "");
        }
        Duration timeout = request.timeout() != null ? request.timeout() : action.timeoutOrDefault();
        return new MikrotikPlan(request, step, Deadline.after(timeout));
    }
}
