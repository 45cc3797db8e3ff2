package io.aiopshub.remediation.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.aiopshub.incident.Durations;

/**
 * One remediation action from {@code playbooks/catalog.yaml}.
 *
 * @param parameters     parameter name to schema, in file order (the order the prompt shows them)
 * @param target         what the action touches, as a template over the parameters ({@code "{host}"},
 *                       {@code "{node}/{vmid}"}): the unit of the blast-radius limits and of the
 *                       effectiveness breaker
 * @param run            what the executor does, in the executor's own terms (an SSH command template, a
 *                       playbook, a Proxmox or RouterOS operation); each executor checks its entries at start
 * @param timeout        hard limit for one execution; {@code null} means the executor default (5m)
 * @param approvalExpiry how long a proposal waits for approval; {@code null} means
 *                       {@code aiops.remediation.approval-expiry}
 * @param verify         how the hub checks the action worked; {@code null} means it cannot, and the run ends
 *                       {@code succeeded} once the executor reports success
 * @param rollback       how to undo the action after a failed verify, in the executor's terms;
 *                       {@code null} means no rollback
 */
public record ActionDefinition(
        String id,
        String description,
        Risk risk,
        Executor executor,
        Map<String, ParameterSpec> parameters,
        @JsonProperty("requires_approval") Boolean requiresApproval,
        String target,
        Map<String, Object> run,
        String timeout,
        @JsonProperty("approval_expiry") String approvalExpiry,
        VerifySpec verify,
        Map<String, Object> rollback) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public ActionDefinition {
        parameters = parameters == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        run = run == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(run));
        rollback = rollback == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(rollback));
    }

    public Duration timeoutOrDefault() {
        return timeout == null ? DEFAULT_TIMEOUT : Durations.parse(timeout);
    }

    public boolean hasRollback() {
        return rollback != null && !rollback.isEmpty();
    }

    /** The target with the parameters filled in, e.g. {@code web-01} for {@code "{host}"}. */
    public String targetOf(Map<String, ?> parameterValues) {
        return Templates.fill(target, parameterValues);
    }
}
