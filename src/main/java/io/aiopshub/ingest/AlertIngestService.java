package io.aiopshub.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.aiopshub.config.HubMetrics;
import io.aiopshub.config.HubProperties;
import io.aiopshub.store.AfterCommit;
import io.aiopshub.store.InboxGroupCommit;
import io.aiopshub.store.AlertInbox.NewEvent;
import io.aiopshub.store.DedupStore;
import io.aiopshub.store.DedupStore.AlertState;

/**
 * Accepts validated alerts: drops repeats of an already stored state, stores the rest in the inbox in
 * one transaction, and only then returns, so the 202 that follows means "durably stored".
 */
@Service
public class AlertIngestService {

    private static final Logger LOG = LoggerFactory.getLogger(AlertIngestService.class);

    /** What the caller is told. */
    public record IngestResult(int received, int stored, int deduplicated) {

        public Map<String, Object> toResponse() {
            return Map.of("status", "accepted", "received", received, "stored", stored, "deduplicated", deduplicated);
        }
    }

    private final InboxGroupCommit groupCommit;
    private final DedupStore dedupStore;
    private final Fingerprinter fingerprinter;
    private final HubMetrics metrics;
    private final Clock clock;
    private final Duration resolveTimeout;

    public AlertIngestService(InboxGroupCommit groupCommit, DedupStore dedupStore, Fingerprinter fingerprinter,
                              HubMetrics metrics, Clock clock, HubProperties properties) {
        this.groupCommit = groupCommit;
        this.dedupStore = dedupStore;
        this.fingerprinter = fingerprinter;
        this.metrics = metrics;
        this.clock = clock;
        this.resolveTimeout = properties.getIngest().getResolveTimeout();
    }

    public IngestResult accept(List<IncomingAlert> alerts) {
        Instant now = clock.instant();
        Instant defaultEnd = now.plus(resolveTimeout);
        List<AlertState> states = new ArrayList<>(alerts.size());
        for (IncomingAlert alert : alerts) {
            String fingerprint = fingerprinter.fingerprint(alert.labels());
            // Alertmanager's rule: a firing alert with no end announced ends after resolve_timeout unless re-sent.
            Instant endsAt = alert.endsAt() == null && alert.isFiring() ? defaultEnd : alert.endsAt();
            states.add(new AlertState(fingerprint, alert.status(), alert.startsAt(), endsAt));
        }
        List<Boolean> mustStore = dedupStore.mustStore(states);
        // Rows in their stored form (labels as JSON) only for what is stored, on this request's thread:
        // repeats cost no serialisation, and the shared group commit only inserts.
        List<NewEvent> toStore = new ArrayList<>();
        List<AlertState> storedStates = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            if (mustStore.get(i)) {
                IncomingAlert alert = alerts.get(i);
                AlertState state = states.get(i);
                toStore.add(NewEvent.of(alert.source(), state.fingerprint(), alert.status(), alert.labels(),
                        alert.annotations(), alert.startsAt(), state.endsAt(), alert.generatorUrl(), now));
                storedStates.add(state);
            }
        }
        if (!toStore.isEmpty()) {
            // One commit for many concurrent requests; returns once this request's events are committed.
            groupCommit.append(toStore);
            // Only once committed: inside a caller's transaction (log sources mine and checkpoint in one)
            // a rollback must not leave these events "seen".
            AfterCommit.run(() -> remember(storedStates));
        }
        count(alerts, toStore.size());
        return new IngestResult(alerts.size(), toStore.size(), alerts.size() - toStore.size());
    }

    /**
     * After the commit nothing may fail the request: the caller would be told "not stored" (5xx) and
     * send again what is stored. Forgetting only costs a repeat that is stored once more.
     */
    private void remember(List<AlertState> stored) {
        try {
            dedupStore.remember(stored);
        } catch (RuntimeException e) {
            LOG.warn("{} accepted events are stored, but the dedup store could not remember them ({}); "
                    + "their next repeats are stored again", stored.size(), e.toString());
        }
    }

    private void count(List<IncomingAlert> alerts, int stored) {
        try {
            String source = alerts.isEmpty() ? "unknown" : alerts.get(0).source();
            metrics.eventsReceived(source, alerts.size());
            metrics.eventsDeduplicated(source, alerts.size() - stored);
        } catch (RuntimeException e) {
            LOG.warn("Could not count accepted events ({})", e.toString());
        }
    }
}
