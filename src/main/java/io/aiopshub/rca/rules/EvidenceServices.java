package io.aiopshub.rca.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.aiopshub.rca.group.GroupContext;

/**
 * The services (and, where no service is named, the hosts) an incident's evidence and its group show:
 * what an analysis may name as {@code root_service}. Read from labels with the same semantics as the
 * rule-based analyst, so both analysts name services alike.
 */
public final class EvidenceServices {

    private EvidenceServices() {
    }

    public static List<String> of(IncidentEvidence incident) {
        Map<String, String> names = new LinkedHashMap<>();
        GroupContext group = incident.group();
        group.candidates().forEach(c -> add(names, c.service()));
        for (IncidentEvidence.AlertEvidence alert : incident.alerts()) {
            String service = LabelSemantics.service(alert.labels());
            add(names, service.isEmpty() ? LabelSemantics.host(alert.labels()) : service);
        }
        group.group().members().forEach(m -> add(names, m.service() == null || m.service().isBlank() ? m.host() : m.service()));
        incident.templates().forEach(t -> add(names, t.service()));
        group.logEvidence().forEach(t -> add(names, t.service()));
        group.changes().forEach(c -> add(names, c.service()));
        group.dependencies().forEach((service, deps) -> {
            add(names, service);
            deps.forEach(d -> add(names, d));
        });
        return new ArrayList<>(names.values());
    }

    private static void add(Map<String, String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.putIfAbsent(name.trim().toLowerCase(Locale.ROOT), name.trim());
        }
    }
}
