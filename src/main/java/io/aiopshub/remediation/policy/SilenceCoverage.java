package io.aiopshub.remediation.policy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.incident.LabelMatcher;
import io.aiopshub.incident.SilenceService;
import io.aiopshub.remediation.RunFacts;
import io.aiopshub.store.AlertEntity;
import io.aiopshub.store.AlertRepository;

/**
 * Whether a silence (a maintenance window is a silence) covers a run. A silence in force covers it when its
 * matchers match any of: the incident's group labels; the labels of any firing alert of the incident; or
 * the run's own label set ({@link #targetLabels}).
 */
@Component
public class SilenceCoverage {

    /** The silence that covers a run and what it matched. */
    public record Cover(String silenceId, String what) { }

    private final SilenceService silences;
    private final AlertRepository alerts;

    public SilenceCoverage(SilenceService silences, AlertRepository alerts) {
        this.silences = silences;
        this.alerts = alerts;
    }

    public Optional<Cover> find(RunFacts run, Instant now) {
        List<SilenceService.ActiveSilence> active = silences.active(now);
        if (active.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> target = targetLabels(run);
        for (SilenceService.ActiveSilence silence : active) {
            if (silence.matches(target)) {
                return Optional.of(new Cover(silence.id(), "the target " + run.target()));
            }
            if (!run.incidentLabels().isEmpty() && silence.matches(run.incidentLabels())) {
                return Optional.of(new Cover(silence.id(), "the incident " + run.incidentId()));
            }
        }
        if (run.incidentId() == null) {
            return Optional.empty();
        }
        for (AlertEntity alert : alerts.findByIncidentIdOrderById(run.incidentId())) {
            if (!IncidentEngine.FIRING.equals(alert.getStatus()) || alert.getLabels() == null) {
                continue;
            }
            for (SilenceService.ActiveSilence silence : active) {
                if (silence.matches(alert.getLabels())) {
                    return Optional.of(new Cover(silence.id(), "alert " + alert.getFingerprint() + " of the incident "
                            + run.incidentId()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The labels a silence is matched against for the run itself: every scalar parameter under its own name
     * ({@code host}, {@code node}, {@code vmid}, {@code address}, {@code service}...), {@code instance} with
     * the {@code host} value when there is a host but no instance parameter, and {@code target} with the
     * run's target (which wins over a parameter called target).
     */
    static Map<String, String> targetLabels(RunFacts run) {
        Map<String, String> labels = new LinkedHashMap<>();
        run.parameters().forEach((name, value) -> {
            if (LabelMatcher.isLabelName(name) && (value instanceof String || value instanceof Number || value instanceof Boolean)) {
                labels.put(name, String.valueOf(value));
            }
        });
        if (labels.containsKey("host") && !labels.containsKey("instance")) {
            labels.put("instance", labels.get("host"));
        }
        if (run.target() != null) {
            labels.put("target", run.target());
        }
        return labels;
    }
}
