package io.aiopshub.rca.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.aiopshub.rca.group.GroupContext;
import io.aiopshub.rca.group.RootCandidate;

/**
 * Picks the one root service of a group from its classified signals. A service scores by its strongest
 * signal (a full disk outweighs a high error rate), a little for each other kind of evidence, more when
 * other services of the group call it (their logs or labels name it, or the topology says they depend on
 * it), less when it calls a service that shows problems of its own, and a little for the correlation's
 * own ranking and for being first. Host-level evidence (node alerts) counts for the service on that host.
 */
final class RootRanker {

    static final double CALLED_BONUS = 0.12;
    static final double CALLER_PENALTY = 0.15;
    static final double BREADTH_BONUS = 0.04;
    static final double CANDIDATE_BONUS = 0.1;
    static final double FIRST_BONUS = 0.03;

    /** The chosen root: its strongest signal first, and every other signal as a symptom. */
    record Verdict(String service, double score, List<Signal> rootSignals, List<Signal> symptoms, List<String> reasons) {

        Signal top() {
            return rootSignals.get(0);
        }
    }

    Verdict rank(List<Signal> raw, GroupContext group) {
        List<Signal> signals = attributeHosts(raw, group);
        Map<String, List<Signal>> byService = new LinkedHashMap<>();
        for (Signal s : signals) {
            byService.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
        }
        Map<String, Set<String>> calls = calls(byService, group);
        Map<String, Integer> candidateRank = new HashMap<>();
        List<RootCandidate> candidates = group.candidates();
        for (int i = 0; i < candidates.size(); i++) {
            candidateRank.putIfAbsent(candidates.get(i).service().toLowerCase(Locale.ROOT), i);
        }
        String first = firstToStart(byService);
        String best = null;
        double bestScore = -1;
        List<String> bestReasons = List.of();
        for (Map.Entry<String, List<Signal>> entry : byService.entrySet()) {
            String service = entry.getKey();
            List<String> reasons = new ArrayList<>();
            double score = entry.getValue().stream().mapToDouble(Signal::weight).max().orElse(0);
            long kinds = entry.getValue().stream().map(Signal::ruleId).distinct().count();
            score += BREADTH_BONUS * Math.min(3, kinds - 1);
            long callers = calls.entrySet().stream()
                    .filter(e -> !e.getKey().equals(service) && e.getValue().contains(service)).count();
            if (callers > 0) {
                score += CALLED_BONUS * Math.min(2, callers);
                reasons.add(callers + (callers == 1 ? " service of the group calls it" : " services of the group call it"));
            }
            boolean callsTroubled = calls.getOrDefault(service, Set.of()).stream()
                    .anyMatch(t -> !t.equals(service) && byService.containsKey(t));
            if (callsTroubled) {
                score -= CALLER_PENALTY;
            }
            Integer rank = candidateRank.get(service);
            if (rank != null) {
                score += CANDIDATE_BONUS * (candidates.size() - rank) / candidates.size();
                if (rank == 0) {
                    reasons.add("ranked first by the correlation");
                }
            }
            if (service.equals(first) && byService.size() > 1) {
                score += FIRST_BONUS;
                reasons.add("its problems started first");
            }
            if (score > bestScore) {
                best = service;
                bestScore = score;
                bestReasons = reasons;
            }
        }
        String root = best;
        List<Signal> rootSignals = new ArrayList<>(byService.get(root));
        // Strongest first; on a tie a log line says more than an alert name.
        rootSignals.sort(Comparator.comparingDouble(Signal::weight).reversed()
                .thenComparing(s -> s.kind().equals("template") ? 0 : s.kind().equals("change") ? 1 : 2));
        changeFirst(rootSignals);
        List<Signal> symptoms = signals.stream().filter(s -> !key(s).equals(root)).toList();
        String name = rootSignals.get(0).service().isEmpty() ? rootSignals.get(0).host() : rootSignals.get(0).service();
        if (name.isEmpty()) {
            Map<String, String> labels = rootSignals.get(0).labels();
            name = labels.getOrDefault("namespace", labels.getOrDefault("job", labels.getOrDefault("alertname", "unknown")));
        }
        return new Verdict(name, Math.max(0, Math.min(1, bestScore)), rootSignals, symptoms, bestReasons);
    }

    /**
     * "What changed?": when the root was changed in the window and its own evidence is of the kind a change
     * causes (errors, crashes, failing calls, slowness) rather than a resource or security fault of its own,
     * the change is the cause and gives the category (a config change: configuration; a deploy: application).
     */
    private static void changeFirst(List<Signal> rootSignals) {
        Signal top = rootSignals.get(0);
        if (top.kind().equals("change") || !CHANGE_CAUSED.contains(top.category())) {
            return;
        }
        rootSignals.stream().filter(s -> s.kind().equals("change")).findFirst().ifPresent(change -> {
            rootSignals.remove(change);
            rootSignals.add(0, change);
        });
    }

    private static final Set<String> CHANGE_CAUSED = Set.of("application", "availability", "dependency", "performance", "unknown");

    private static String key(Signal s) {
        return (s.service().isEmpty() ? s.host() : s.service()).toLowerCase(Locale.ROOT);
    }

    /** A signal that names only a host counts for the service seen on that host with the strongest evidence. */
    private static List<Signal> attributeHosts(List<Signal> signals, GroupContext group) {
        Map<String, String> serviceOnHost = new HashMap<>();
        Map<String, Double> strength = new HashMap<>();
        for (Signal s : signals) {
            if (!s.service().isEmpty() && !s.host().isEmpty()) {
                String host = s.host().toLowerCase(Locale.ROOT);
                if (s.weight() > strength.getOrDefault(host, -1.0)) {
                    serviceOnHost.put(host, s.service());
                    strength.put(host, s.weight());
                }
            }
        }
        group.group().members().forEach(m -> {
            if (m.service() != null && !m.service().isBlank() && m.host() != null && !m.host().isBlank()) {
                serviceOnHost.putIfAbsent(m.host().toLowerCase(Locale.ROOT), m.service());
            }
        });
        return signals.stream().map(s -> s.service().isEmpty() && serviceOnHost.containsKey(s.host().toLowerCase(Locale.ROOT))
                ? s.attributedTo(serviceOnHost.get(s.host().toLowerCase(Locale.ROOT))) : s).toList();
    }

    /** Service → the services (or hosts) it calls, from signal targets and the topology. */
    private static Map<String, Set<String>> calls(Map<String, List<Signal>> byService, GroupContext group) {
        Map<String, String> hostToService = new HashMap<>();
        byService.forEach((service, list) -> list.forEach(s -> {
            if (!s.host().isEmpty()) {
                hostToService.putIfAbsent(s.host().toLowerCase(Locale.ROOT), service);
            }
        }));
        Map<String, Set<String>> calls = new HashMap<>();
        byService.forEach((service, list) -> list.forEach(s -> s.targets().forEach(t -> {
            String target = t.toLowerCase(Locale.ROOT);
            calls.computeIfAbsent(service, k -> new LinkedHashSet<>()).add(hostToService.getOrDefault(target, target));
        })));
        group.dependencies().forEach((service, deps) -> deps.forEach(d -> calls.computeIfAbsent(
                service.toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>()).add(d.toLowerCase(Locale.ROOT))));
        return calls;
    }

    private static String firstToStart(Map<String, List<Signal>> byService) {
        String first = null;
        Instant earliest = null;
        for (Map.Entry<String, List<Signal>> e : byService.entrySet()) {
            for (Signal s : e.getValue()) {
                if (s.at() != null && (earliest == null || s.at().isBefore(earliest))) {
                    earliest = s.at();
                    first = e.getKey();
                }
            }
        }
        return first;
    }
}
