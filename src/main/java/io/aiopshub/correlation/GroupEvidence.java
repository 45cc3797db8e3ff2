package io.aiopshub.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.aiopshub.rca.group.ChangeEvent;
import io.aiopshub.rca.rules.IncidentEvidence.TemplateEvidence;
import io.aiopshub.redact.Redactor;

/**
 * The evidence of a set of incidents: error/warning log templates and change events of their services,
 * the services those depend on, and their hosts, within a window around the incidents' active time.
 */
public final class GroupEvidence {

    public record Scope(Set<String> services, Set<String> hosts, Instant from, Instant to) { }

    /** What was found; {@code logs} keep service and host for the ranking. */
    public record Found(List<LogActivity.Window> logs, List<ChangeEvent> changes) {

        public List<TemplateEvidence> templates(Redactor redactor) {
            return logs.stream().map(w -> new TemplateEvidence(w.service(), w.templateId(), redactor.redact(w.template()),
                    w.occurrences(), w.example() == null ? List.of() : List.of(redactor.redact(w.example())))).toList();
        }

        /** Keys of what was found, for the group's signature. */
        public String keys() {
            StringBuilder text = new StringBuilder();
            logs.forEach(w -> text.append(w.service()).append('/').append(w.templateId()).append(','));
            changes.forEach(c -> text.append(c.id()).append(','));
            return text.toString();
        }
    }

    private GroupEvidence() { }

    public static Scope scope(Collection<IncidentFacts> members, DependencyGraph graph, Instant now, Duration before,
                              Duration after, Duration lookback) {
        Set<String> services = new LinkedHashSet<>();
        Set<String> hosts = new LinkedHashSet<>();
        Instant from = null;
        Instant to = null;
        for (IncidentFacts m : members) {
            if (m.hasService()) {
                services.add(m.service());
            }
            hosts.addAll(m.hosts());
            from = from == null || m.startedAt().isBefore(from) ? m.startedAt() : from;
            Instant until = m.activeUntil(now);
            to = to == null || until.isAfter(to) ? until : to;
        }
        for (String service : List.copyOf(services)) {
            services.addAll(graph.direct(service));
        }
        for (String service : List.copyOf(services)) {
            hosts.addAll(graph.topology().hostsOf(service));
        }
        // A dependency may be named by a host rather than a service.
        services.stream().filter(s -> !graph.topology().services().containsKey(s)).forEach(hosts::add);
        Instant earliest = now.minus(lookback);
        Instant start = from.minus(before);
        return new Scope(services, hosts, start.isBefore(earliest) ? earliest : start, to.plus(after));
    }

    public static Found find(Scope scope, List<LogActivity.Window> activity, List<ChangeEvent> changes, int maxLogs,
                             int maxChanges) {
        List<LogActivity.Window> logs = activity.stream()
                .filter(w -> !w.lastMinute().isBefore(scope.from().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                        && !w.firstMinute().isAfter(scope.to()))
                .filter(w -> scope.services().contains(w.service()) || scope.hosts().contains(w.host()))
                .sorted(Comparator.comparing((LogActivity.Window w) -> !"error".equals(w.level()))
                        .thenComparing(Comparator.comparingLong(LogActivity.Window::occurrences).reversed())
                        .thenComparing(LogActivity.Window::service).thenComparing(LogActivity.Window::templateId))
                .limit(maxLogs).toList();
        List<ChangeEvent> found = changes.stream()
                .filter(c -> !c.at().isBefore(scope.from()) && !c.at().isAfter(scope.to()))
                .filter(c -> (c.service() != null && scope.services().contains(c.service()))
                        || (c.host() != null && scope.hosts().contains(c.host())))
                .sorted(Comparator.comparing(ChangeEvent::at).reversed().thenComparing(ChangeEvent::id))
                .limit(maxChanges).toList();
        return new Found(logs, found);
    }
}
