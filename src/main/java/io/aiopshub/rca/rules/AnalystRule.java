package io.aiopshub.rca.rules;

import java.util.List;
import java.util.Map;
import io.aiopshub.incident.LabelMatcher;
import io.aiopshub.regex.UserRegex;

/**
 * An alert rule of the rule-based analyst (config/analyst-rules.yaml, {@code rules}): what an alert whose
 * labels fit says about the service it names.
 *
 * @param templates   optional regex that one of the incident's log templates must contain as well
 * @param weight      0..1, how strongly such an alert points at its own service as the root of a group
 *                    (a full disk: high; a high error rate, usually a symptom: low)
 * @param finding     short phrase after the subject ("is not reachable"); may hold {{label}} placeholders
 * @param explanation one or two sentences on the usual cause; may hold placeholders
 */
public record AnalystRule(String id, List<LabelMatcher> labels, UserRegex templates, String category, String severity,
                          double weight, String finding, String explanation, List<ActionTemplate> actions) {

    /** A catalog action with parameter values that may hold {{label}} placeholders. */
    public record ActionTemplate(String actionId, Map<String, Object> parameters, String reason) { }
}
