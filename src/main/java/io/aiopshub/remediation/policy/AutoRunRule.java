package io.aiopshub.remediation.policy;

import java.util.List;
import java.util.Map;

import io.aiopshub.incident.LabelMatcher;

/** An action that may run without approval for incidents whose labels match every matcher. */
public record AutoRunRule(String action, List<LabelMatcher> matchers) {

    public AutoRunRule {
        matchers = List.copyOf(matchers);
    }

    public boolean matches(String actionId, Map<String, String> incidentLabels) {
        return action.equals(actionId) && matchers.stream().allMatch(m -> m.matches(incidentLabels));
    }
}
