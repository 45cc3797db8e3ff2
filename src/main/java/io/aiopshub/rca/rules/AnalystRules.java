package io.aiopshub.rca.rules;

import java.util.List;

/**
 * The rule-based analyst's configuration: alert rules (ordered, first fit wins), log-wording families, change
 * kinds, and the backends whose errors a caller's log may relay.
 *
 * @param relayedWeight factor applied to a log signal that relays a backend's error (0..1)
 */
public record AnalystRules(List<AnalystRule> alerts, List<LogPattern> logPatterns, List<ChangeRule> changes,
                           List<Backend> backends, double relayedWeight) {

    public AnalystRules {
        alerts = List.copyOf(alerts);
        logPatterns = List.copyOf(logPatterns);
        changes = List.copyOf(changes);
        backends = List.copyOf(backends);
    }
}
