package io.aiopshub.remediation.mikrotik;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One catalog operation with its placeholders filled: what the executor does in this phase.
 *
 * @param values key to value; optional keys whose parameters were absent are missing
 */
public record MikrotikStep(MikrotikOperationType type, MikrotikUse use, Map<String, String> values) {

    public MikrotikStep {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String value(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException(type.id() + " has no " + key);
        }
        return value;
    }

    public String optional(String key) {
        return values.get(key);
    }
}
