package io.aiopshub.console;

import java.util.List;
import java.util.Set;

import io.aiopshub.ingest.FieldProblem;
import io.aiopshub.ingest.PayloadValidationException;

/** The incident list's filters as the form sends them; blank means "any". */
public record IncidentFilter(String status, String severity, String service) {

    static final List<String> STATUSES = List.of("firing", "resolved");
    static final List<String> SEVERITIES = List.of("critical", "high", "warning", "info");
    static final int MAX_SERVICE_LENGTH = 200;

    /** The filter with blanks as null; throws naming every field that holds no allowed value. */
    static IncidentFilter of(String status, String severity, String service) {
        IncidentFilter filter = new IncidentFilter(blankToNull(status), blankToNull(severity), blankToNull(service));
        List<FieldProblem> problems = new java.util.ArrayList<>();
        check(problems, "status", filter.status(), Set.copyOf(STATUSES));
        check(problems, "severity", filter.severity(), Set.copyOf(SEVERITIES));
        if (filter.service() != null && filter.service().length() > MAX_SERVICE_LENGTH) {
            problems.add(new FieldProblem("service", "must be at most " + MAX_SERVICE_LENGTH + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new PayloadValidationException(problems);
        }
        return filter;
    }

    private static void check(List<FieldProblem> problems, String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            problems.add(new FieldProblem(field, "must be one of " + allowed.stream().sorted().toList()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
