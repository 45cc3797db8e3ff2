package io.aiopshub.llm.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One remediation action from {@code playbooks/catalog.yaml}.
 *
 * @param parameters parameter name to schema, in file order (the order the prompt shows them)
 * @param verify     free-text hint for the later verification step; may be {@code null}
 */
public record ActionDefinition(
        String id,
        String description,
        Risk risk,
        Executor executor,
        Map<String, ParameterSpec> parameters,
        @JsonProperty("requires_approval") Boolean requiresApproval,
        String verify) {

    public ActionDefinition {
        parameters = parameters == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
