package io.aiopshub.incident;

import java.util.List;

import org.springframework.stereotype.Component;

import io.aiopshub.store.AlertInbox;
import io.aiopshub.store.IncidentRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges read from the database at scrape time: open incidents (in all and by severity) and the backlog of
 * unapplied events.
 */
@Component
public class IncidentGauges {

    private static final List<String> SEVERITIES = List.of("critical", "high", "warning", "info");

    public IncidentGauges(MeterRegistry registry, IncidentRepository incidents, AlertInbox inbox) {
        Gauge.builder("aiops.incidents.open", incidents, r -> r.countByStatus(IncidentEngine.FIRING))
                .description("incidents with at least one firing alert").register(registry);
        for (String severity : SEVERITIES) {
            Gauge.builder("aiops.incidents.open.by.severity", incidents, r -> r.countByStatusAndSeverity(IncidentEngine.FIRING, severity))
                    .tag("severity", severity).description("incidents with at least one firing alert, by severity")
                    .register(registry);
        }
        Gauge.builder("aiops.inbox.backlog", inbox, AlertInbox::size)
                .description("accepted events not yet applied to incidents").register(registry);
    }
}
