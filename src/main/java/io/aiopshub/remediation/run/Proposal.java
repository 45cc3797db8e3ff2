package io.aiopshub.remediation.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request to run a catalog action, before anything is stored.
 *
 * @param incidentId     the incident it remedies; null for a run without one
 * @param proposedBy     the API token name, the LLM provider, {@code rule:<id>}
 * @param idempotencyKey a retried proposal with the same key returns the run the first one created
 * @param reason         why, in words (the analysis' reason, a person's note); may be null
 */
public record Proposal(String actionId, Map<String, Object> parameters, String incidentId, String proposedBy,
                       ProposerKind proposerKind, String idempotencyKey, String reason) {

    public Proposal {
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
