package io.aiopshub.correlation;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the correlation needs out of alert labels: the service an alert is about, the hosts it
 * names and the dependencies its labels state.
 */
public final class SignalLabels {

    /** Labels naming the service, best first; {@code job} only when it is not an exporter's job. */
    private static final List<String> SERVICE_LABELS = List.of("service", "app", "app_kubernetes_io_name", "deployment",
            "statefulset", "daemonset", "container", "job");
    /** Jobs of exporters and platform scrapers: they say what measured, not what is affected. */
    private static final Set<String> EXPORTER_JOBS = Set.of("node", "node-exporter", "node_exporter", "kube-state-metrics",
            "kubelet", "cadvisor", "blackbox", "blackbox-exporter", "blackbox_exporter", "prometheus", "alertmanager",
            "kubernetes-nodes", "kubernetes-pods", "kubernetes-service-endpoints", "apiserver", "log-templates");
    private static final List<String> HOST_LABELS = List.of("host", "hostname", "node", "nodename", "kubernetes_node",
            "instance");
    private static final Set<String> NOT_A_SERVICE = Set.of("POD", "", "log-templates");

    private SignalLabels() { }

    public static String service(Map<String, String> labels) {
        for (String key : SERVICE_LABELS) {
            String value = labels.get(key);
            if (value == null || value.isBlank() || NOT_A_SERVICE.contains(value)) {
                continue;
            }
            if (key.equals("job") && EXPORTER_JOBS.contains(value)) {
                continue;
            }
            return value;
        }
        return "";
    }

    public static Set<String> hosts(Map<String, String> labels) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String key : HOST_LABELS) {
            String value = labels.get(key);
            if (value != null && !value.isBlank()) {
                String host = host(value.trim());
                if (!host.isEmpty() && host.length() <= TopologyLoader.MAX_NAME) {
                    hosts.add(host);
                }
            }
        }
        return hosts;
    }

    /** {@code 10.0.0.1:9100} → {@code 10.0.0.1}; {@code https://api.example.com/health} → {@code api.example.com}. */
    static String host(String value) {
        if (value.contains("://")) {
            try {
                String host = URI.create(value).getHost();
                return host == null ? "" : host;
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(1, end) : value;
        }
        int colon = value.lastIndexOf(':');
        return colon > 0 && value.indexOf(':') == colon ? value.substring(0, colon) : value;
    }

    /** Dependencies the labels state: service → what it depends on. */
    public static Set<LearnedDependencies.Dependency> dependencies(String service, Map<String, String> labels,
                                                                   List<String> dependencyLabels,
                                                                   List<String> dependentLabels) {
        Set<LearnedDependencies.Dependency> result = new LinkedHashSet<>();
        if (service == null || service.isEmpty()) {
            return result;
        }
        for (String key : dependencyLabels) {
            String value = labels.get(key);
            if (value != null && !value.isBlank() && !value.equals(service)) {
                result.add(new LearnedDependencies.Dependency(service, value.trim(), LearnedDependencies.LABEL));
            }
        }
        for (String key : dependentLabels) {
            String value = labels.get(key);
            if (value != null && !value.isBlank() && !value.equals(service)) {
                result.add(new LearnedDependencies.Dependency(value.trim(), service, LearnedDependencies.LABEL));
            }
        }
        return result;
    }
}
