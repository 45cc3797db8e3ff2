package io.aiopshub.remediation.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.aiopshub.incident.Durations;

/**
 * How the hub checks that an action worked. Every condition given must hold before {@code within} has
 * passed since the action finished; at least one must be given.
 *
 * @param description    what a person would check, shown with the run
 * @param promql         a PromQL expression (a template over the parameters) that must return at least one
 *                       series
 * @param alertsResolved the alerts of the run's incident must all be resolved
 * @param check          an executor check in the executor's own terms (an SSH command that must exit 0, a
 *                       Proxmox status that must be reached)
 * @param within         how long the conditions may take to hold; {@code null} means 5 minutes
 */
public record VerifySpec(
        String description,
        String promql,
        @JsonProperty("alerts_resolved") Boolean alertsResolved,
        Map<String, Object> check,
        String within) {

    public static final Duration DEFAULT_WITHIN = Duration.ofMinutes(5);

    public VerifySpec {
        check = check == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(check));
    }

    public Duration withinOrDefault() {
        return within == null ? DEFAULT_WITHIN : Durations.parse(within);
    }

    public boolean requiresResolvedAlerts() {
        return Boolean.TRUE.equals(alertsResolved);
    }

    public boolean hasCheck() {
        return check != null && !check.isEmpty();
    }
}
