package io.aiopshub.config;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The hub's own counters, exported at /actuator/prometheus with the {@code aiops_} prefix. */
@Component
public class HubMetrics {

    private final MeterRegistry registry;
    private final BoundedTagValues sources;

    public HubMetrics(MeterRegistry registry, MetricsProperties properties) {
        this.registry = registry;
        this.sources = new BoundedTagValues(properties.getKnownSources(), properties.getMaxOtherSources());
        // Counters of rare trouble exist from the start, so dashboards and alert rules see 0, not "no data".
        registry.counter("aiops.inbox.dead.letters");
        registry.counter("aiops.log.lines.dropped");
    }

    public void eventsReceived(String source, int count) {
        counter("aiops.events.received", "source", sources.of(source)).increment(count);
    }

    public void eventsDeduplicated(String source, int count) {
        counter("aiops.events.deduplicated", "source", sources.of(source)).increment(count);
    }

    public void eventsRejected(String endpoint) {
        counter("aiops.events.rejected", "endpoint", endpoint).increment();
    }

    /** Stored events set aside because the incident engine could not apply them. */
    public void inboxDeadLetters(int count) {
        registry.counter("aiops.inbox.dead.letters").increment(count);
    }

    /** Log lines taken from the mining queue but not mined, because mining their service failed. */
    public void logLinesDropped(int count) {
        registry.counter("aiops.log.lines.dropped").increment(count);
    }

    public void alertsSilenced(int count) {
        registry.counter("aiops.alerts.silenced").increment(count);
    }

    public void alertsInhibited(int count) {
        registry.counter("aiops.alerts.inhibited").increment(count);
    }

    /** outcome: sent, failed, skipped, dead, deferred. */
    public void notification(String channel, String outcome) {
        Counter.builder("aiops.notifications").tag("channel", channel).tag("outcome", outcome)
                .register(registry).increment();
    }

    public void routeReload(String outcome) {
        counter("aiops.routes.reloads", "outcome", outcome).increment();
    }

    /** outcome: success, invalid, missing. */
    public void routingReload(String outcome) {
        counter("aiops.routing.reloads", "outcome", outcome).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return registry.counter(name, tag, value == null ? "unknown" : value);
    }
}
