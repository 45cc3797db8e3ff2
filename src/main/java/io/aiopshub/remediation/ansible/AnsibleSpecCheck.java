package io.aiopshub.remediation.ansible;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Executor;
import io.aiopshub.remediation.catalog.ParameterSpec;
import io.aiopshub.remediation.catalog.Templates;
import io.aiopshub.remediation.executor.ExecutorSpecCheck;

/**
 * The ansible executor's terms in the catalog:
 * <ul>
 *   <li>{@code run}: {@code playbook} (a file name in the playbook directory), {@code limit} (the one
 *       inventory host), {@code extra_vars} (optional, name to value);</li>
 *   <li>{@code verify.check} and {@code rollback}: {@code playbook} and optional {@code extra_vars} (the
 *       run's when absent); they run on the run's limit.</li>
 * </ul>
 * Every value may use {@code {param}} placeholders of the action's parameters.
 */
@Component
public class AnsibleSpecCheck implements ExecutorSpecCheck {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*}");
    static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Set<String> RUN_KEYS = Set.of("playbook", "limit", "extra_vars");
    private static final Set<String> FOLLOW_UP_KEYS = Set.of("playbook", "extra_vars");

    @Override
    public Executor executor() {
        return Executor.ANSIBLE;
    }

    @Override
    public List<String> problems(ActionDefinition action) {
        List<String> problems = new ArrayList<>();
        check(problems, "run", action.run(), RUN_KEYS, action);
        Object limit = action.run().get("limit");
        if (limit == null) {
            problems.add("run.limit is required: the executor never runs a playbook on the whole inventory");
        } else if (limit instanceof String text) {
            requiredPlaceholders(problems, "run.limit", text, action);
            // Placeholders stand for host names: what the template adds around them must not make a pattern.
            String problem = HostLimit.syntaxProblem(PLACEHOLDER.matcher(text).replaceAll("h"));
            if (problem != null) {
                problems.add("run.limit: " + problem);
            }
        }
        if (action.verify() != null && action.verify().hasCheck()) {
            check(problems, "verify.check", action.verify().check(), FOLLOW_UP_KEYS, action);
        }
        if (action.hasRollback()) {
            check(problems, "rollback", action.rollback(), FOLLOW_UP_KEYS, action);
        }
        return problems;
    }

    private static void check(List<String> problems, String where, Map<String, Object> spec, Set<String> keys,
                              ActionDefinition action) {
        spec.keySet().stream().filter(key -> !keys.contains(key)).sorted().forEach(key -> problems.add(
                where + "." + key + " is not a key of the ansible executor (allowed: " + String.join(", ",
                        keys.stream().sorted().toList()) + ")"
                        + ("limit".equals(key) ? "; the check and the rollback run on the run's limit" : "")));
        Object playbook = spec.get("playbook");
        if (!(playbook instanceof String name) || name.isBlank()) {
            problems.add(where + ".playbook is required: a file name in the playbook directory");
        } else {
            requiredPlaceholders(problems, where + ".playbook", name, action);
            if (Templates.names(name).isEmpty() && PlaybookFiles.nameProblem(name) != null) {
                problems.add(where + ".playbook: " + PlaybookFiles.nameProblem(name));
            }
        }
        for (String key : keys) {
            Object value = spec.get(key);
            if (value != null && !"extra_vars".equals(key) && !(value instanceof String)) {
                problems.add(where + "." + key + " must be a string");
            }
        }
        Object vars = spec.get("extra_vars");
        if (vars != null && !(vars instanceof Map<?, ?>)) {
            problems.add(where + ".extra_vars must be a map of variable name to value");
        } else if (vars instanceof Map<?, ?> map) {
            map.forEach((name, value) -> extraVar(problems, where + ".extra_vars." + name, String.valueOf(name), value, action));
        }
    }

    private static void extraVar(List<String> problems, String at, String name, Object value, ActionDefinition action) {
        if (!VAR_NAME.matcher(name).matches()) {
            problems.add(at + ": not a variable name (letters, digits, '_')");
        } else if (name.startsWith("ansible_")) {
            problems.add(at + ": ansible_* variables (connection, become, interpreter) must not come from the catalog");
        }
        if (value instanceof String text) {
            placeholders(problems, at, text, action);
            if (ExtraVars.jinja(text)) {
                problems.add(at + ": contains a Jinja delimiter ({{, {% or {#), which Ansible would evaluate");
            }
        } else if (!(value instanceof Number || value instanceof Boolean)) {
            problems.add(at + ": must be a string, number or boolean");
        }
    }

    private static void placeholders(List<String> problems, String at, String template, ActionDefinition action) {
        for (String name : Templates.names(template)) {
            if (!action.parameters().containsKey(name)) {
                problems.add(at + " uses {" + name + "}, which is not a parameter");
            }
        }
    }

    private static void requiredPlaceholders(List<String> problems, String at, String template, ActionDefinition action) {
        placeholders(problems, at, template, action);
        for (String name : Templates.names(template)) {
            ParameterSpec spec = action.parameters().get(name);
            if (spec != null && !spec.required()) {
                problems.add(at + " uses {" + name + "}, which must be a required parameter");
            }
        }
    }
}
