package io.aiopshub.rca.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The model's root-cause analysis after validation. JSON names are snake_case, as in the prompt schema
 * ({@link AnalysisSchema}), so the same shape can be stored and shown without a mapping layer.
 *
 * @param severity   one of {@link AnalysisSchema#SEVERITIES}, lower case
 * @param confidence 0..1
 */
public record AnalysisResult(
        String summary,
        @JsonProperty("root_cause") String rootCause,
        String severity,
        double confidence,
        List<Evidence> evidence,
        @JsonProperty("suggested_actions") List<SuggestedAction> suggestedActions) {

    public AnalysisResult {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        suggestedActions = suggestedActions == null ? List.of() : List.copyOf(suggestedActions);
    }
}
