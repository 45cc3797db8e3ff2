package io.aiopshub.incident;

import org.springframework.stereotype.Component;

import io.aiopshub.store.AlertInbox;
import io.aiopshub.store.IncidentRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Gauges read from the database at scrape time: open incidents and the backlog of unapplied events. */
@Component
public class IncidentGauges {

    public IncidentGauges(MeterRegistry registry, IncidentRepository incidents, AlertInbox inbox) {
        Gauge.builder("aiops.incidents.open", incidents, r -> r.countByStatus(IncidentEngine.FIRING))
                .description("incidents with at least one firing alert").register(registry);
        Gauge.builder("aiops.inbox.backlog", inbox, AlertInbox::size)
                .description("accepted events not yet applied to incidents").register(registry);
    }
}
