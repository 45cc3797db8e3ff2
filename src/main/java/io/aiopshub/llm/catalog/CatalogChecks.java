package io.aiopshub.llm.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.aiopshub.regex.InvalidRegexException;
import io.aiopshub.regex.UserRegex;

/** Consistency checks Jackson's binding cannot express. */
final class CatalogChecks {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private CatalogChecks() {
    }

    static List<String> problems(List<ActionDefinition> definitions) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < definitions.size(); i++) {
            ActionDefinition a = definitions.get(i);
            String where = "actions[" + i + "]" + (a == null || a.id() == null ? "" : " (" + a.id() + ")");
            if (a == null) {
                problems.add(where + ": empty entry");
                continue;
            }
            if (a.id() == null || !ID.matcher(a.id()).matches()) {
                problems.add(where + ": id must match " + ID.pattern());
            } else if (!seen.add(a.id())) {
                problems.add(where + ": duplicate id");
            }
            if (a.description() == null || a.description().isBlank()) {
                problems.add(where + ": description is required");
            }
            if (a.risk() == null) {
                problems.add(where + ": risk is required (low|medium|high)");
            }
            if (a.executor() == null) {
                problems.add(where + ": executor is required (ansible|ssh|proxmox|mikrotik|shell)");
            }
            if (a.requiresApproval() == null) {
                problems.add(where + ": requires_approval is required");
            }
            a.parameters().forEach((name, spec) -> problems.addAll(parameterProblems(where, name, spec)));
        }
        return problems;
    }

    private static List<String> parameterProblems(String where, String name, ParameterSpec spec) {
        String at = where + " parameter '" + name + "'";
        List<String> problems = new ArrayList<>();
        if (spec == null || spec.type() == null) {
            problems.add(at + ": type is required (string|integer|number|boolean)");
            return problems;
        }
        boolean numeric = spec.type() == ParameterType.INTEGER || spec.type() == ParameterType.NUMBER;
        if (spec.type() != ParameterType.STRING && (spec.pattern() != null || spec.allowed() != null || spec.maxLength() != null)) {
            problems.add(at + ": pattern/enum/maxLength only apply to strings");
        }
        if (spec.maxLength() != null && spec.maxLength() < 1) {
            problems.add(at + ": maxLength must be at least 1");
        }
        if (!numeric && (spec.minimum() != null || spec.maximum() != null)) {
            problems.add(at + ": minimum/maximum only apply to integer and number");
        }
        if (spec.pattern() != null) {
            try {
                UserRegex.anchored(spec.pattern());
            } catch (InvalidRegexException e) {
                problems.add(at + ": invalid pattern: " + e.getMessage());
            }
        }
        if (spec.minimum() != null && spec.maximum() != null && spec.minimum().compareTo(spec.maximum()) > 0) {
            problems.add(at + ": minimum is greater than maximum");
        }
        return problems;
    }
}
