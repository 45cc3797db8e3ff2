package io.aiopshub.rca.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A remediation the model proposes; {@code actionId} refers to the action catalog.
 *
 * @param parameters parameter values as parsed from JSON (String, Integer/Long, Double, Boolean, nested Map/List);
 *                   null values are kept, hence no {@code Map.copyOf}
 */
public record SuggestedAction(
        @JsonProperty("action_id") String actionId,
        Map<String, Object> parameters,
        String reason) {

    public SuggestedAction {
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
