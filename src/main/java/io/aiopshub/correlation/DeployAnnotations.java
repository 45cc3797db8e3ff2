package io.aiopshub.correlation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.aiopshub.ingest.Fingerprinter;
import io.aiopshub.rca.group.ChangeEvent;

/**
 * Reads a deploy out of an alert's annotations or labels, as Kubernetes and Argo CD / Argo Rollouts put
 * them on workloads. Alert label and annotation names cannot hold dots or slashes, so they arrive as
 * kube-state-metrics spells them ({@code annotation_kubernetes_io_change_cause}) or plain
 * ({@code change_cause}); the names as Kubernetes writes them are understood too: the change cause, the revision, the synced Git revision, and
 * when it happened if said. The change event's id hashes service and revision, so the same deploy
 * seen on every repeat of every alert is one change event.
 */
public final class DeployAnnotations {

    /** Normalised key → what it says. */
    private static final Map<String, String> KEYS = new LinkedHashMap<>();
    private static final List<String> TIME_KEYS = List.of("deployed_at", "deploy_time", "aiops_io_deployed_at",
            "argocd_argoproj_io_sync_time", "kubectl_kubernetes_io_restartedat");

    static {
        KEYS.put("kubernetes_io_change_cause", "change cause");
        KEYS.put("change_cause", "change cause");
        KEYS.put("deployment_kubernetes_io_revision", "Deployment revision");
        KEYS.put("rollout_argoproj_io_revision", "Argo Rollouts revision");
        KEYS.put("argocd_argoproj_io_revision", "Argo CD revision");
        KEYS.put("argocd_argoproj_io_sync_revision", "Argo CD synced revision");
        KEYS.put("aiops_io_deploy", "deploy");
    }

    private DeployAnnotations() { }

    public static Optional<ChangeEvent> read(String service, String host, Map<String, String> labels,
                                             Map<String, String> annotations, Instant alertStart) {
        Map<String, String> all = new LinkedHashMap<>();
        labels.forEach((k, v) -> all.put(normalise(k), v));
        annotations.forEach((k, v) -> all.put(normalise(k), v));
        Map<String, String> found = new LinkedHashMap<>();
        KEYS.forEach((key, words) -> {
            String value = all.get(key);
            if (value != null && !value.isBlank()) {
                found.put(key, words + ": " + value);
            }
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant at = alertStart;
        for (String key : TIME_KEYS) {
            Instant parsed = time(all.get(key));
            if (parsed != null) {
                at = parsed;
                break;
            }
        }
        String summary = String.join("; ", found.values());
        String id = "deploy-" + Fingerprinter.sha256Hex((service == null ? "" : service) + "|" + (host == null ? "" : host)
                + "|" + summary).substring(0, 40);
        Map<String, String> eventLabels = new LinkedHashMap<>();
        found.keySet().forEach(k -> eventLabels.put(k, all.get(k)));
        return Optional.of(new ChangeEvent(id, service, host, "deploy", summary.length() > 2000 ? summary.substring(0, 2000)
                : summary, at, eventLabels));
    }

    static String normalise(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('.', '_').replace('/', '_').replace('-', '_');
        return k.startsWith("annotation_") ? k.substring("annotation_".length()) : k;
    }

    private static Instant time(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
