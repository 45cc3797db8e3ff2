package io.aiopshub.rca.rules;

import java.util.List;
import java.util.Map;
import io.aiopshub.incident.LabelMatcher;
import io.aiopshub.regex.UserRegex;

/** One rule of the rule-based analyst (config/analyst-rules.yaml); {@code templates} is searched in each log template. */
public record AnalystRule(String id, List<LabelMatcher> labels, UserRegex templates, String category, String severity,
                          double confidence, String summary, String rootCause, List<ActionTemplate> actions) {

    /** A catalog action with parameter values that may hold {{label}} placeholders. */
    public record ActionTemplate(String actionId, Map<String, Object> parameters, String reason) { }
}
