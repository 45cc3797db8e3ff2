package io.aiopshub.rca.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What alert labels mean, whatever exporter sent them: which service an alert is about, on which host,
 * and which other service it names as a dependency. Exporter and scraper jobs (node, kube-state-metrics,
 * blackbox...) name the tool, not the service, so they never count as one.
 */
final class LabelSemantics {

    /** Labels that name the service, best first (Prometheus relabelling, Kubernetes recommended labels, workloads). */
    private static final List<String> SERVICE_LABELS = List.of("service", "service_name", "app", "app_kubernetes_io_name",
            "k8s_app", "application", "deployment", "statefulset", "daemonset", "horizontalpodautoscaler", "container",
            "cronjob", "job_name",
            "queue_service", "cluster_service");
    /** Labels that name where it runs, best first; instance may be host:port or a probed URL. */
    private static final List<String> HOST_LABELS = List.of("host", "hostname", "node", "nodename", "kubernetes_node",
            "instance", "server");
    /** Labels that name something the service calls. */
    private static final List<String> TARGET_LABELS = List.of("peer_service", "peer", "upstream", "upstream_service",
            "db", "db_name", "database_service", "destination_service", "destination", "dest_service", "target_service",
            "backend", "remote_service", "dependency", "downstream");
    /** Jobs and containers that are the monitoring tool itself. */
    private static final Pattern TOOL = Pattern.compile("(?i)(node|node[-_]exporter|kube[-_]state[-_]metrics|kubelet|cadvisor|"
            + "blackbox|blackbox[-_]exporter|prometheus|alertmanager|kubernetes[-_].*|apiserver|integrations/.*|windows[-_]exporter|"
            + "process[-_]exporter|snmp|ssl[-_]exporter|x509[-_]exporter)");
    private static final Pattern EXPORTER_SUFFIX = Pattern.compile("(?i)[-_](exporter|metrics|prometheus[-_]exporter)$");
    /** Pod names end in a replica-set hash and a random suffix, or a stateful ordinal. */
    private static final Pattern POD_SUFFIX = Pattern.compile("-[a-z0-9]{6,10}-[a-z0-9]{5}$|-[a-z0-9]{5}$|-\\d+$");

    private LabelSemantics() {
    }

    /** The service an alert is about; empty when its labels name only a host or a tool. */
    static String service(Map<String, String> labels) {
        for (String key : SERVICE_LABELS) {
            String value = clean(labels.get(key));
            if (!value.isEmpty() && !TOOL.matcher(value).matches()) {
                return value;
            }
        }
        String pod = clean(labels.get("pod"));
        if (!pod.isEmpty()) {
            return POD_SUFFIX.matcher(pod).replaceFirst("");
        }
        String job = clean(labels.get("job"));
        if (!job.isEmpty() && !TOOL.matcher(job).matches()) {
            return EXPORTER_SUFFIX.matcher(job).replaceFirst("");
        }
        return "";
    }

    /** The host an alert is about, without port, scheme or path; empty when none is named. */
    static String host(Map<String, String> labels) {
        for (String key : HOST_LABELS) {
            String value = clean(labels.get(key));
            if (!value.isEmpty()) {
                return hostOf(value);
            }
        }
        return "";
    }

    static String hostOf(String value) {
        String host = value.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        host = host.replaceFirst("[/?#].*$", "");
        host = host.replaceFirst("^\\[(.*)](:\\d+)?$", "$1");
        // A port the redactor masked (it takes "name:1234" for a credential) goes too.
        return host.replaceFirst(":(\\d+|\\[REDACTED[^\\]]*])$", "");
    }

    /** Services or hosts the labels name as dependencies. */
    static Set<String> targets(Map<String, String> labels) {
        Set<String> targets = new LinkedHashSet<>();
        for (String key : TARGET_LABELS) {
            String value = clean(labels.get(key));
            if (!value.isEmpty()) {
                targets.add(hostOf(value).toLowerCase(Locale.ROOT));
            }
        }
        return targets;
    }

    private static String clean(String value) {
        return value == null ? "" : value.trim();
    }
}
