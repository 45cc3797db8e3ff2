package io.aiopshub.remediation.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.aiopshub.incident.Durations;
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
                problems.add(where + ": executor is required (ansible|ssh|proxmox|mikrotik)");
            }
            problems.addAll(remediationProblems(where, a));
            if (a.requiresApproval() == null) {
                problems.add(where + ": requires_approval is required");
            }
            a.parameters().forEach((name, spec) -> problems.addAll(parameterProblems(where, name, spec)));
        }
        return problems;
    }

    /** The parts the remediation runner needs; each executor checks its own {@code run}/{@code check}/{@code rollback}. */
    private static List<String> remediationProblems(String where, ActionDefinition a) {
        List<String> problems = new ArrayList<>();
        if (a.target() == null || a.target().isBlank()) {
            problems.add(where + ": target is required, e.g. \"{host}\": what the action touches");
        }
        for (String name : Templates.names(a.target())) {
            if (!a.parameters().containsKey(name)) {
                problems.add(where + ": target uses {" + name + "}, which is not a parameter");
            } else if (!a.parameters().get(name).required()) {
                problems.add(where + ": target uses {" + name + "}, which must be a required parameter");
            }
        }
        if (a.run().isEmpty()) {
            problems.add(where + ": run is required: what the executor does");
        }
        duration(problems, where + ": timeout", a.timeout());
        duration(problems, where + ": approval_expiry", a.approvalExpiry());
        if (a.verify() != null) {
            VerifySpec v = a.verify();
            if (v.promql() == null && !v.requiresResolvedAlerts() && !v.hasCheck()) {
                problems.add(where + ": verify needs at least one of promql, alerts_resolved: true, check");
            }
            duration(problems, where + ": verify.within", v.within());
        }
        return problems;
    }

    private static void duration(List<String> problems, String at, String text) {
        if (text == null) {
            return;
        }
        try {
            if (Durations.parse(text).isZero()) {
                problems.add(at + " must be longer than 0");
            }
        } catch (IllegalArgumentException e) {
            problems.add(at + ": " + e.getMessage());
        }
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
