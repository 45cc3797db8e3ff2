package io.aiopshub.remediation.policy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.aiopshub.remediation.catalog.Risk;

/**
 * The loaded {@code config/remediation.yaml}: approvers per risk tier (canonical identities, see
 * {@link Identity}), auto-run rules, limits and breaker settings. Immutable; a reload replaces it whole.
 */
public record RemediationPolicy(Map<Risk, Set<String>> approvers, List<AutoRunRule> autoRun, Limits limits,
                                BreakerSettings breaker) {

    public RemediationPolicy {
        Map<Risk, Set<String>> copy = new EnumMap<>(Risk.class);
        for (Risk risk : Risk.values()) {
            copy.put(risk, Set.copyOf(approvers.getOrDefault(risk, Set.of())));
        }
        approvers = Map.copyOf(copy);
        autoRun = List.copyOf(autoRun);
    }

    /** Whether {@code identity} (any spelling) is listed for {@code risk}; tiers are not cumulative. */
    public boolean mayApprove(Risk risk, String identity) {
        return identity != null && approvers.get(risk).contains(Identity.canonical(identity));
    }

    /** The first auto-run rule covering the action for an incident with these labels. */
    public Optional<AutoRunRule> autoRunRule(String actionId, Map<String, String> incidentLabels) {
        return autoRun.stream().filter(r -> r.matches(actionId, incidentLabels)).findFirst();
    }
}
