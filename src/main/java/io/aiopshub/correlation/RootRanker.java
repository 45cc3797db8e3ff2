package io.aiopshub.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aiopshub.rca.group.ChangeEvent;
import io.aiopshub.rca.group.RootCandidate;

/**
 * Ranks the services of a group as its possible root, with the reasons: the one whose problem started
 * first and that the others depend on, with error logs or a change of its own, ranks highest. A service
 * that depends on another member ranks lower.
 */
public final class RootRanker {

    static final double STARTED_FIRST = 2.0;
    static final double DEPENDED_ON = 3.0;
    static final double DEPENDS_ON_MEMBER = -1.0;
    static final double ERROR_LOGS = 1.0;
    static final double CHANGED = 1.5;
    static final double SHARES_HOST = 0.5;
    private static final int MAX_QUOTE = 120;

    private RootRanker() { }

    public static List<RootCandidate> rank(List<IncidentFacts> members, DependencyGraph graph, GroupEvidence.Found evidence) {
        Map<String, Instant> started = new LinkedHashMap<>();
        Map<String, Set<String>> hosts = new LinkedHashMap<>();
        for (IncidentFacts m : members) {
            if (!m.hasService()) {
                continue;
            }
            started.merge(m.service(), m.startedAt(), (a, b) -> a.isBefore(b) ? a : b);
            Set<String> h = hosts.computeIfAbsent(m.service(), s -> new LinkedHashSet<>(graph.topology().hostsOf(s)));
            h.addAll(m.hosts());
        }
        List<RootCandidate> result = new ArrayList<>();
        int others = Math.max(1, started.size() - 1);
        for (Map.Entry<String, Instant> entry : started.entrySet()) {
            String service = entry.getKey();
            double score = 0;
            List<String> reasons = new ArrayList<>();
            long later = started.values().stream().filter(t -> t.isAfter(entry.getValue())).count();
            if (started.size() > 1 && later == started.size() - 1) {
                reasons.add("started first (" + entry.getValue() + ")");
            }
            score += STARTED_FIRST * later / others;
            List<String> dependents = started.keySet().stream()
                    .filter(other -> !other.equals(service) && dependsOn(graph, other, service, hosts.get(service))).toList();
            if (!dependents.isEmpty()) {
                score += DEPENDED_ON * dependents.size() / others;
                reasons.add(String.join(", ", dependents) + (dependents.size() == 1 ? " depends" : " depend") + " on it");
            }
            List<String> dependsOn = started.keySet().stream()
                    .filter(other -> !other.equals(service) && dependsOn(graph, service, other, hosts.get(other))).toList();
            if (!dependsOn.isEmpty()) {
                score += DEPENDS_ON_MEMBER;
                reasons.add("depends on " + String.join(", ", dependsOn));
            }
            for (String host : hosts.getOrDefault(service, Set.of())) {
                List<String> sharing = hosts.entrySet().stream()
                        .filter(e -> !e.getKey().equals(service) && e.getValue().contains(host)).map(Map.Entry::getKey).toList();
                if (!sharing.isEmpty()) {
                    score += SHARES_HOST;
                    reasons.add("shares host " + host + " with " + String.join(", ", sharing));
                    break;
                }
            }
            List<LogActivity.Window> errors = evidence.logs().stream()
                    .filter(w -> "error".equals(w.level()) && (service.equals(w.service())
                            || hosts.getOrDefault(service, Set.of()).contains(w.host()))).toList();
            if (!errors.isEmpty()) {
                score += ERROR_LOGS;
                reasons.add("has error logs: \"" + quote(errors.get(0).template()) + "\" (" + errors.get(0).occurrences() + "x)");
            }
            evidence.changes().stream()
                    .filter(c -> service.equals(c.service()) || (c.host() != null && hosts.getOrDefault(service, Set.of()).contains(c.host())))
                    .findFirst().ifPresent(c -> reasons.add("changed: " + c.type() + " \"" + quote(c.summary()) + "\" at " + c.at()));
            if (reasons.stream().anyMatch(r -> r.startsWith("changed: "))) {
                score += CHANGED;
            }
            result.add(new RootCandidate(service, Math.round(score * 100) / 100.0, reasons));
        }
        result.sort(Comparator.comparingDouble(RootCandidate::score).reversed()
                .thenComparing(c -> started.get(c.service())).thenComparing(RootCandidate::service));
        return result;
    }

    /** {@code from} depends on {@code to}: on the service, or on a host it runs on. */
    private static boolean dependsOn(DependencyGraph graph, String from, String to, Set<String> hostsOfTo) {
        if (graph.dependsOn(from, to)) {
            return true;
        }
        return hostsOfTo != null && hostsOfTo.stream().anyMatch(h -> graph.dependsOn(from, h));
    }

    private static String quote(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_QUOTE ? text : text.substring(0, MAX_QUOTE - 3) + "...";
    }
}
