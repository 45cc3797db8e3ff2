package io.aiopshub.rca.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aiopshub.rca.group.ChangeEvent;
import io.aiopshub.rca.group.CorrelationGroup;
import io.aiopshub.rca.group.GroupContext;

/**
 * Turns an incident's evidence and its group's into classified {@link Signal}s: each alert by the first
 * alert rule that fits, each log template by the first log-wording family that fits (else as a plain
 * error of its service), each change by its kind. Log lines that blame something the service calls get
 * the services or hosts they name as targets.
 */
final class SignalCollector {

    /** Log alerts whose meaning is their template; the template is classified instead. */
    private static final Set<String> LOG_ALERTS = Set.of("NewErrorLogTemplate", "LogTemplateSpike");
    /** "to db-1:5432", "dial tcp 10.0.0.7:6379", "host=cache-2", "upstream: http://api:8080/" ... */
    private static final Pattern ADDRESS = Pattern.compile(
            "(?i)(?:\\bto|\\bdial tcp|\\bhost[=:]?|\\bupstream[=:]?|\\bconnect(?:ing)?(?: to)?|\\bresolve|\\blookup|\\bat)\\s+"
                    + "\"?(?:[a-z]+://)?([a-z0-9][a-z0-9_.-]*[a-z0-9])(?::\\d+)?");

    /** Label added for matching: the alert name in words (see {@link #words}). */
    static final String ALERT_WORDS = "alert_words";

    private final AnalystRules rules;

    SignalCollector(AnalystRules rules) {
        this.rules = rules;
    }

    List<Signal> collect(IncidentEvidence incident) {
        GroupContext group = incident.group();
        List<Signal> signals = new ArrayList<>();
        boolean hasTemplates = !incident.templates().isEmpty() || !group.logEvidence().isEmpty();
        for (IncidentEvidence.AlertEvidence alert : incident.alerts()) {
            if (hasTemplates && LOG_ALERTS.contains(alert.labels().getOrDefault("alertname", ""))) {
                continue;
            }
            Signal signal = alertSignal(alert.labels(), alert.fingerprint(), null, incident);
            if (signal != null) {
                signals.add(signal);
            }
        }
        for (CorrelationGroup.Member member : group.group().members()) {
            if (member.incidentId().equals(incident.incidentId())) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alertname", alertname(member.title()));
            if (LOG_ALERTS.contains(labels.get("alertname"))) {
                continue;
            }
            put(labels, "service", member.service());
            put(labels, "host", member.host());
            put(labels, "severity", member.severity());
            Signal signal = alertSignal(labels, member.incidentId(), member.startedAt(), incident);
            if (signal != null) {
                signals.add(signal);
            }
        }
        Set<String> known = knownNames(incident, signals);
        Set<String> seenTemplates = new HashSet<>();
        List<IncidentEvidence.TemplateEvidence> templates = new ArrayList<>(incident.templates());
        templates.addAll(group.logEvidence());
        for (IncidentEvidence.TemplateEvidence template : templates) {
            if (seenTemplates.add(template.service() + "/" + template.templateId())) {
                signals.add(templateSignal(template, known));
            }
        }
        for (ChangeEvent change : group.changes()) {
            signals.add(changeSignal(change));
        }
        return signals;
    }

    private Signal alertSignal(Map<String, String> alertLabels, String ref, java.time.Instant at, IncidentEvidence incident) {
        Map<String, String> labels = new LinkedHashMap<>(alertLabels);
        labels.putIfAbsent(ALERT_WORDS, words(alertLabels.getOrDefault("alertname", "")));
        for (AnalystRule rule : rules.alerts()) {
            if (rule.labels().stream().allMatch(m -> m.matches(labels)) && templatesMatch(rule, incident)) {
                String service = LabelSemantics.service(labels);
                String host = LabelSemantics.host(labels);
                Map<String, String> values = values(labels, service, host);
                String name = labels.getOrDefault("alertname", "alert");
                String where = service.isEmpty() ? (host.isEmpty() ? "" : " on " + host)
                        : " on " + service + (host.isEmpty() || host.equals(service) ? "" : " (" + host + ")");
                return new Signal(service, host, "alert", rule.id(), rule.category(), rule.weight(), rule.severity(),
                        Texts.fill(rule.finding(), values), Texts.fill(rule.explanation(), values),
                        "alert " + name + where, ref, at, LabelSemantics.targets(labels), rule, labels);
            }
        }
        return null;
    }

    /**
     * An alert name as lower-case words with a space on each side, so rules match whole words:
     * {@code KubeCPUOvercommit} → {@code " kube cpu overcommit "}, {@code HostOutOfDiskSpace} → {@code " host out of disk space "}.
     */
    static String words(String alertname) {
        String spaced = alertname.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
                .replaceAll("[^A-Za-z0-9]+", " ");
        return " " + spaced.trim().toLowerCase(Locale.ROOT) + " ";
    }

    private static boolean templatesMatch(AnalystRule rule, IncidentEvidence incident) {
        return rule.templates() == null
                || incident.templates().stream().anyMatch(t -> rule.templates().find(t.template()));
    }

    private Signal templateSignal(IncidentEvidence.TemplateEvidence template, Set<String> known) {
        String text = template.template() + "\n" + String.join("\n", template.examples());
        String service = template.service() == null ? "" : template.service();
        String quote = "log of " + service + ": \"" + abbreviate(template.template(), 160) + "\" (" + template.occurrences()
                + (template.occurrences() == 1 ? " line)" : " lines)");
        Backend relayed = rules.backends().stream()
                .filter(b -> b.match().find(text) && !b.services().find(service)).findFirst().orElse(null);
        Set<String> backendTargets = new LinkedHashSet<>();
        if (relayed != null) {
            known.stream().filter(name -> !name.equalsIgnoreCase(service) && relayed.services().find(name))
                    .forEach(backendTargets::add);
            quote = quote + ", an error of " + (backendTargets.isEmpty() ? relayed.id() : String.join(", ", backendTargets))
                    + " seen from " + service;
        }
        double factor = relayed == null ? 1 : rules.relayedWeight();
        for (LogPattern pattern : rules.logPatterns()) {
            if (pattern.matches(text)) {
                Set<String> targets = new LinkedHashSet<>(backendTargets);
                if (pattern.outward() || relayed != null) {
                    targets.addAll(targets(text, service, known));
                }
                Map<String, String> values = values(Map.of(), service, "");
                values.put("target", targets.isEmpty() ? "" : String.join(", ", targets));
                return new Signal(service, "", "template", pattern.id(), pattern.category(), pattern.weight() * factor, "high",
                        Texts.fill(pattern.finding(), values), Texts.fill(pattern.explanation(), values), quote,
                        template.templateId(), null, targets, null, Map.of());
            }
        }
        Set<String> targets = new LinkedHashSet<>(backendTargets);
        targets.addAll(targets(text, service, known));
        return new Signal(service, "", "template", "log-error", "application", 0.3 * factor, "warning", "logs a new error",
                "The service logs an error it did not log before; the log line is the best lead.", quote,
                template.templateId(), null, targets, null, Map.of());
    }

    private Signal changeSignal(ChangeEvent change) {
        String text = (change.type() == null ? "" : change.type()) + " " + (change.summary() == null ? "" : change.summary());
        ChangeRule rule = rules.changes().stream().filter(r -> r.match().find(text)).findFirst()
                .orElse(new ChangeRule("change", null, "application", 0.45, "was changed"));
        String service = change.service() == null ? "" : change.service();
        String quote = "change " + (change.type() == null ? "" : change.type() + " ") + "of "
                + (service.isEmpty() ? change.host() : service) + (change.at() == null ? "" : " at " + change.at())
                + (change.summary() == null || change.summary().isBlank() ? "" : ": \"" + abbreviate(change.summary(), 160) + "\"");
        return new Signal(service, change.host(), "change", rule.id(), rule.category(), rule.weight(), "warning",
                rule.finding(), "", quote, change.id(), change.at(), Set.of(), null, change.labels());
    }

    /** Every service and host the group shows, lower case, for finding them in log text. */
    private static Set<String> knownNames(IncidentEvidence incident, List<Signal> alertSignals) {
        Set<String> known = new LinkedHashSet<>();
        GroupContext group = incident.group();
        alertSignals.forEach(s -> {
            add(known, s.service());
            add(known, s.host());
        });
        group.group().members().forEach(m -> {
            add(known, m.service());
            add(known, m.host());
        });
        group.candidates().forEach(c -> add(known, c.service()));
        group.dependencies().forEach((service, deps) -> {
            add(known, service);
            deps.forEach(d -> add(known, d));
        });
        incident.templates().forEach(t -> add(known, t.service()));
        group.logEvidence().forEach(t -> add(known, t.service()));
        group.changes().forEach(c -> add(known, c.service()));
        return known;
    }

    /** Known services or hosts the text names (other than its own service), else the address it tried to reach. */
    private static Set<String> targets(String text, String own, Set<String> known) {
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> targets = new LinkedHashSet<>();
        for (String name : known) {
            if (!name.equalsIgnoreCase(own) && Pattern.compile("(?<![a-z0-9_.-])" + Pattern.quote(name) + "(?![a-z0-9_])")
                    .matcher(lower).find()) {
                targets.add(name);
            }
        }
        if (targets.isEmpty()) {
            Matcher m = ADDRESS.matcher(text);
            while (m.find() && targets.size() < 2) {
                String address = m.group(1).toLowerCase(Locale.ROOT);
                if (!address.equalsIgnoreCase(own) && !address.matches("\\d+|<\\*>|the|a|an|host|server|database|port")) {
                    targets.add(address);
                }
            }
        }
        return targets;
    }

    static Map<String, String> values(Map<String, String> labels, String service, String host) {
        Map<String, String> values = new LinkedHashMap<>(labels);
        values.put("service", service.isEmpty() ? labels.getOrDefault("service", "") : service);
        values.put("host", host);
        String subject = !service.isEmpty() ? service : !host.isEmpty() ? host : labels.getOrDefault("alertname", "the service");
        values.put("subject", subject);
        return values;
    }

    private static String alertname(String title) {
        if (title == null) {
            return "";
        }
        int colon = title.indexOf(':');
        return (colon > 0 ? title.substring(0, colon) : title).trim();
    }

    private static void put(Map<String, String> labels, String key, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(key, value);
        }
    }

    private static void add(Set<String> known, String name) {
        if (name != null && name.length() >= 2) {
            known.add(name.toLowerCase(Locale.ROOT));
        }
    }

    static String abbreviate(String text, int max) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
