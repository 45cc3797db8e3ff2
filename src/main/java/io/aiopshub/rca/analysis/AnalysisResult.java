package io.aiopshub.rca.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A root-cause analysis after validation, from the model or the rule-based analyst. JSON names are
 * snake_case, as in the prompt schema ({@link AnalysisSchema}), so the same shape can be stored and shown
 * without a mapping layer.
 *
 * @param rootService the one service named as the cause of the incident's group; null when no service is known
 * @param category    one of {@link AnalysisSchema#CATEGORIES}
 * @param severity    one of {@link AnalysisSchema#SEVERITIES}, lower case
 * @param confidence  0..1
 */
public record AnalysisResult(
        String summary,
        @JsonProperty("root_cause") String rootCause,
        @JsonProperty("root_service") String rootService,
        String category,
        String severity,
        double confidence,
        List<Evidence> evidence,
        @JsonProperty("suggested_actions") List<SuggestedAction> suggestedActions) {

    public AnalysisResult {
        category = category == null ? "unknown" : category;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        suggestedActions = suggestedActions == null ? List.of() : List.copyOf(suggestedActions);
    }

    /** The same analysis with other suggested actions (after the catalog check). */
    public AnalysisResult withActions(List<SuggestedAction> actions) {
        return new AnalysisResult(summary, rootCause, rootService, category, severity, confidence, evidence, actions);
    }
}
