package io.aiopshub.remediation.ansible;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.aiopshub.remediation.executor.ExecutorPhase;

/**
 * One ansible-playbook run a phase asks for, checked except for the limit's presence in the inventory.
 *
 * @param playbookName the file name from the catalog, for messages
 * @param playbook     its absolute path inside the playbook directory
 * @param limit        the one inventory host ({@code --limit})
 * @param extraVars    the variables written to the {@code -e @file}; empty: no {@code -e}
 * @param checkMode    {@code --check --diff} (dry run and verify check)
 */
record AnsibleInvocation(
        ExecutorPhase phase,
        String playbookName,
        Path playbook,
        String limit,
        Map<String, Object> extraVars,
        boolean checkMode) {

    AnsibleInvocation {
        extraVars = Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
    }

    /** How the summary names this run: "dry run of x.yml on web-01". */
    String title() {
        String what = switch (phase) {
            case DRY_RUN -> "dry run of ";
            case CHECK -> "check ";
            case ROLLBACK -> "rollback ";
            default -> "";
        };
        return what + playbookName + " on " + limit;
    }
}
