package io.aiopshub.remediation.mikrotik;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Executor;
import io.aiopshub.remediation.executor.ExecutorSpecCheck;

/** The catalog maps of mikrotik actions: known operations, their keys, placeholders that are parameters. */
@Component
public class MikrotikSpecCheck implements ExecutorSpecCheck {

    @Override
    public Executor executor() {
        return Executor.MIKROTIK;
    }

    @Override
    public List<String> problems(ActionDefinition action) {
        List<String> problems = new ArrayList<>(MikrotikSpecs.problems(MikrotikUse.RUN, action.run(), action.parameters()));
        if (action.verify() != null && action.verify().hasCheck()) {
            problems.addAll(MikrotikSpecs.problems(MikrotikUse.CHECK, action.verify().check(), action.parameters()));
        }
        if (action.hasRollback()) {
            problems.addAll(MikrotikSpecs.problems(MikrotikUse.ROLLBACK, action.rollback(), action.parameters()));
        }
        return problems;
    }
}
