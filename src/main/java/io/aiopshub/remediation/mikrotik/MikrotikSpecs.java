package io.aiopshub.remediation.mikrotik;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.aiopshub.incident.Durations;
import io.aiopshub.remediation.catalog.ParameterSpec;
import io.aiopshub.remediation.catalog.Templates;

/**
 * Reads the mikrotik executor's catalog maps ({@code run}, {@code verify.check}, {@code rollback}): the
 * start-up check of their shape and, per call, the step with the parameters filled in. Both apply the
 * same value rules, so what passes at start-up cannot fail later except through parameter values.
 */
final class MikrotikSpecs {

    /** RouterOS durations as address-list timeouts take them: 1h, 30m, 1d12h, 500ms. */
    private static final Pattern ROUTEROS_DURATION = Pattern.compile("(?:[0-9]{1,9}(?:ms|[smhdw]))+");

    private MikrotikSpecs() {
    }

    /** Problems of one map, each naming the field ({@code run.address: ...}); empty when fine. */
    static List<String> problems(MikrotikUse use, Map<String, Object> map, Map<String, ParameterSpec> parameters) {
        List<String> problems = new ArrayList<>();
        String field = use.field();
        Object operation = map.get("operation");
        if (!(operation instanceof String id)) {
            problems.add(field + ".operation is required, one of " + MikrotikOperationType.idsFor(use));
            return problems;
        }
        Optional<MikrotikOperationType> found = MikrotikOperationType.byId(id);
        if (found.isEmpty() || !found.get().allowedIn(use)) {
            problems.add(field + ".operation '" + id + "' is not one of " + MikrotikOperationType.idsFor(use));
            return problems;
        }
        MikrotikOperationType type = found.get();
        for (String key : map.keySet()) {
            if (!type.keys().contains(key)) {
                problems.add(field + ": unknown key '" + key + "' for " + id + " (allowed: " + String.join(", ", type.keys()) + ")");
            }
        }
        for (String key : type.required()) {
            if (map.get(key) == null) {
                problems.add(field + "." + key + " is required for " + id);
            }
        }
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String key = entry.getKey();
            if ("operation".equals(key) || !type.keys().contains(key) || entry.getValue() == null) {
                continue;
            }
            if (!(entry.getValue() instanceof String || entry.getValue() instanceof Number)) {
                problems.add(field + "." + key + " must be a text or a number");
                continue;
            }
            String template = String.valueOf(entry.getValue());
            var names = Templates.names(template);
            for (String name : names) {
                ParameterSpec spec = parameters.get(name);
                if (spec == null) {
                    problems.add(field + "." + key + " uses {" + name + "}, which is not a parameter");
                } else if (!spec.required() && type.required().contains(key)) {
                    problems.add(field + "." + key + " uses {" + name + "}, an optional parameter; " + key
                            + " is required for " + id + " and needs required parameters");
                }
            }
            if (names.isEmpty()) {
                String problem = valueProblem(key, template);
                if (problem != null) {
                    problems.add(field + "." + key + " " + problem);
                }
            }
        }
        return problems;
    }

    /**
     * The step for this call. Throws {@link IllegalArgumentException} naming the field when a value is
     * missing or unusable (a control character, a state that is neither enabled nor disabled).
     */
    static MikrotikStep resolve(MikrotikUse use, Map<String, Object> map, Map<String, ?> parameters) {
        Object operation = map.get("operation");
        MikrotikOperationType type = operation instanceof String id
                ? MikrotikOperationType.byId(id).filter(t -> t.allowedIn(use)).orElse(null) : null;
        if (type == null) {
            throw new IllegalArgumentException(use.field() + ".operation '" + operation + "' is not one of "
                    + MikrotikOperationType.idsFor(use));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : type.required()) {
            Object template = map.get(key);
            if (template == null) {
                throw new IllegalArgumentException(use.field() + "." + key + " is required for " + type.id());
            }
            values.put(key, Templates.fill(String.valueOf(template), parameters));
        }
        for (String key : type.optional()) {
            Object template = map.get(key);
            String value = template == null ? null : Templates.fillIfPresent(String.valueOf(template), parameters);
            if (value != null) {
                values.put(key, value);
            }
        }
        values.forEach((key, value) -> {
            String problem = valueProblem(key, value);
            if (problem != null) {
                throw new IllegalArgumentException(use.field() + "." + key + " " + problem);
            }
        });
        return new MikrotikStep(type, use, values);
    }

    private static String valueProblem(String key, String value) {
        if (RouterOsCommand.hasControl(value)) {
            return "contains a control character";
        }
        if (value.isBlank() && !"comment".equals(key)) {
            return "is empty";
        }
        return switch (key) {
            case "state" -> "enabled".equals(value) || "disabled".equals(value) ? null
                    : "must be enabled or disabled, not '" + value + "'";
            case "timeout", "default_timeout" -> ROUTEROS_DURATION.matcher(value).matches() ? null
                    : "'" + value + "' is not a RouterOS duration such as 1h, 30m or 1d";
            case "max" -> durationProblem(value);
            default -> null;
        };
    }

    private static String durationProblem(String value) {
        try {
            Duration d = Durations.parse(value);
            return d.isZero() ? "must be longer than 0" : null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
