package io.aiopshub.remediation.ansible;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Templates;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;

/**
 * Turns a request into the ansible-playbook run it asks for: which of the action's maps applies to the
 * phase, the playbook file, the limit and the extra vars, each checked; and, for the phases that run in
 * check mode, the playbook scanned for {@code check_mode: false}.
 */
final class AnsibleInvocations {

    private final PlaybookFiles playbooks;
    private final CheckModeScanner scanner;

    AnsibleInvocations(Path playbookDir) {
        this.playbooks = new PlaybookFiles(playbookDir);
        this.scanner = new CheckModeScanner(playbookDir);
    }

    /** The run for a DRY_RUN, EXECUTE, CHECK or ROLLBACK request; an {@link AnsibleRefusal} when it must not run. */
    AnsibleInvocation of(ExecutorRequest request) {
        ActionDefinition action = request.action();
        Map<String, Object> run = action.run();
        Map<String, Object> spec = switch (request.phase()) {
            case DRY_RUN, EXECUTE -> run;
            case CHECK -> action.verify() != null && action.verify().hasCheck() ? action.verify().check() : null;
            case ROLLBACK -> action.hasRollback() ? action.rollback() : null;
            case PREPARE -> throw new IllegalArgumentException("PREPARE runs no playbook");
        };
        if (spec == null) {
            throw new AnsibleRefusal(request.phase() == ExecutorPhase.CHECK
                    ? "this action declares no check (verify.check)"
                    : "this action declares no rollback");
        }
        Map<String, Object> parameters = request.parameters();
        String name = fill(spec.get("playbook"), parameters, "playbook");
        Path playbook = playbooks.resolve(name);
        String limit = fill(run.get("limit"), parameters, "limit");
        String limitProblem = HostLimit.syntaxProblem(limit);
        if (limitProblem != null) {
            throw new AnsibleRefusal(limitProblem);
        }
        Object varTemplates = spec.containsKey("extra_vars") ? spec.get("extra_vars") : run.get("extra_vars");
        Map<String, Object> extraVars = ExtraVars.fill(varTemplates instanceof Map<?, ?> map ? map : Map.of(), parameters);
        boolean checkMode = request.phase() == ExecutorPhase.DRY_RUN || request.phase() == ExecutorPhase.CHECK;
        if (checkMode) {
            List<String> problems = scanner.problems(playbook);
            if (!problems.isEmpty()) {
                throw new AnsibleRefusal("playbook " + name + " is not safe to run in check mode: "
                        + String.join("; ", problems));
            }
        }
        return new AnsibleInvocation(request.phase(), name, playbook, limit, extraVars, checkMode);
    }

    private static String fill(Object template, Map<String, Object> parameters, String key) {
        if (!(template instanceof String text)) {
            throw new AnsibleRefusal(key + " is missing in the action's ansible spec");
        }
        try {
            return Templates.fill(text, parameters);
        } catch (IllegalArgumentException e) {
            throw new AnsibleRefusal(key + ": " + e.getMessage());
        }
    }
}
