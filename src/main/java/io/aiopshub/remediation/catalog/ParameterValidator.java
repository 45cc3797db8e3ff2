package io.aiopshub.remediation.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aiopshub.regex.UserRegex;

/**
 * Checks a parameter map against one action's schema; patterns are compiled once per action, on RE2
 * (values come from LLM answers and alert labels, so matching must stay linear).
 */
final class ParameterValidator {

    private final Map<String, ParameterSpec> specs;
    private final Map<String, UserRegex> patterns = new LinkedHashMap<>();

    ParameterValidator(ActionDefinition action) {
        this.specs = action.parameters();
        specs.forEach((name, spec) -> {
            if (spec.pattern() != null) {
                patterns.put(name, UserRegex.anchored(spec.pattern()));
            }
        });
    }

    List<ParameterViolation> validate(Map<String, ?> values) {
        Map<String, ?> given = values == null ? Map.of() : values;
        List<ParameterViolation> violations = new ArrayList<>();
        for (String name : given.keySet()) {
            if (!specs.containsKey(name)) {
                violations.add(new ParameterViolation(name, "unknown parameter (allowed: " + String.join(", ", specs.keySet()) + ")"));
            }
        }
        specs.forEach((name, spec) -> {
            Object value = given.get(name);
            if (value == null) {
                if (spec.required()) {
                    violations.add(new ParameterViolation(name, "required parameter is missing"));
                }
                return;
            }
            String problem = check(name, spec, value);
            if (problem != null) {
                violations.add(new ParameterViolation(name, problem));
            }
        });
        return List.copyOf(violations);
    }

    private String check(String name, ParameterSpec spec, Object value) {
        return switch (spec.type()) {
            case STRING -> checkString(name, spec, value);
            case INTEGER -> checkNumber(spec, value, true);
            case NUMBER -> checkNumber(spec, value, false);
            case BOOLEAN -> value instanceof Boolean ? null : "expected boolean, got " + describe(value);
        };
    }

    private String checkString(String name, ParameterSpec spec, Object value) {
        if (!(value instanceof String s)) {
            return "expected string, got " + describe(value);
        }
        if (spec.allowed() != null && !spec.allowed().contains(s)) {
            return "value " + quote(s) + " is not one of " + spec.allowed();
        }
        if (spec.maxLength() != null && s.length() > spec.maxLength()) {
            return "value " + quote(s) + " is longer than " + spec.maxLength() + " characters";
        }
        UserRegex pattern = patterns.get(name);
        if (pattern != null && !pattern.matches(s)) {
            return "value " + quote(s) + " does not match pattern " + spec.pattern();
        }
        return null;
    }

    private static String checkNumber(ParameterSpec spec, Object value, boolean integral) {
        BigDecimal number = toBigDecimal(value);
        if (number == null) {
            return "expected " + (integral ? "integer" : "number") + ", got " + describe(value);
        }
        if (integral && number.stripTrailingZeros().scale() > 0) {
            return "expected integer, got " + number.toPlainString();
        }
        if (spec.minimum() != null && number.compareTo(spec.minimum()) < 0) {
            return "value " + number.toPlainString() + " is below the minimum " + spec.minimum().toPlainString();
        }
        if (spec.maximum() != null && number.compareTo(spec.maximum()) > 0) {
            return "value " + number.toPlainString() + " is above the maximum " + spec.maximum().toPlainString();
        }
        return null;
    }

    private static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return null;
    }

    static String describe(Object value) {
        if (value instanceof String s) {
            return "string " + quote(s);
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }

    private static String quote(String s) {
        String shortened = s.length() > 80 ? s.substring(0, 77) + "..." : s;
        return "\"" + shortened + "\"";
    }
}
