package io.aiopshub.remediation;

import java.util.Map;

import io.aiopshub.remediation.catalog.Risk;

/**
 * What the remediation policy needs to know about a run.
 *
 * @param incidentLabels the group labels of the run's incident (empty without an incident)
 * @param parameters     the run's validated parameters
 */
public record RunFacts(
        String runId,
        String incidentId,
        String actionId,
        Risk risk,
        String target,
        String proposedBy,
        Map<String, String> incidentLabels,
        Map<String, Object> parameters) {

    public RunFacts {
        incidentLabels = incidentLabels == null ? Map.of() : Map.copyOf(incidentLabels);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
