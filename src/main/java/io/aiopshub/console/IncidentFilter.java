package io.aiopshub.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.aiopshub.api.IncidentFilters;
import io.aiopshub.ingest.FieldProblem;
import io.aiopshub.ingest.PayloadValidationException;

/**
 * The incident list's filters as the form and the URL carry them; blank means "any". Labels are
 * {@code name=value} texts as {@code GET /api/v1/incidents} takes them (repeatable), group a correlated
 * group's id. A filter as given may be wrong; {@link #check()} says what is.
 */
public record IncidentFilter(String status, String severity, String service, List<String> labels, String group) {

    static final List<String> STATUSES = List.of("firing", "resolved");
    static final List<String> SEVERITIES = List.of("critical", "high", "warning", "info");
    static final int MAX_SERVICE_LENGTH = 200;

    public IncidentFilter {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** The filter as given, blanks dropped, not checked yet (so a form with a mistake can be shown again). */
    static IncidentFilter given(String status, String severity, String service, String[] labels, String group) {
        List<String> typed = new ArrayList<>();
        if (labels != null) {
            for (String label : labels) {
                String value = blankToNull(label);
                if (value != null) {
                    typed.add(value);
                }
            }
        }
        return new IncidentFilter(blankToNull(status), blankToNull(severity), blankToNull(service), typed, blankToNull(group));
    }

    /**
     * The label filters as name → value, checked as the API checks them; throws naming every field (status,
     * severity, service, label, group) that holds no allowed value.
     */
    Map<String, String> check() {
        List<FieldProblem> problems = new ArrayList<>();
        check(problems, "status", status, Set.copyOf(STATUSES));
        check(problems, "severity", severity, Set.copyOf(SEVERITIES));
        if (service != null && service.length() > MAX_SERVICE_LENGTH) {
            problems.add(new FieldProblem("service", "must be at most " + MAX_SERVICE_LENGTH + " characters"));
        }
        Map<String, String> matchers = Map.of();
        try {
            matchers = IncidentFilters.labels(labels);
        } catch (PayloadValidationException e) {
            problems.addAll(e.getProblems());
        }
        try {
            IncidentFilters.group(group);
        } catch (PayloadValidationException e) {
            problems.addAll(e.getProblems());
        }
        if (!problems.isEmpty()) {
            throw new PayloadValidationException(problems);
        }
        return matchers;
    }

    /** The filter as a URL query (without {@code ?}), for the rows fragment's URL: the same filters, bookmarkable. */
    public String query() {
        List<String> pairs = new ArrayList<>();
        add(pairs, "status", status);
        add(pairs, "severity", severity);
        add(pairs, "service", service);
        labels.forEach(label -> add(pairs, "label", label));
        add(pairs, "group", group);
        return pairs.stream().collect(Collectors.joining("&"));
    }

    /** The label inputs the form shows: one per given label filter and an empty one to add another. */
    public List<String> labelInputs() {
        List<String> inputs = new ArrayList<>(labels);
        inputs.add("");
        return inputs;
    }

    private static void add(List<String> pairs, String name, String value) {
        if (value != null) {
            pairs.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
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
