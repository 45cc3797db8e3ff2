package io.aiopshub.analysis.logs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.aiopshub.config.HubMetrics;
import io.aiopshub.correlation.LogActivity;
import io.aiopshub.ingest.AlertIngestService;
import io.aiopshub.ingest.Fingerprinter;
import io.aiopshub.ingest.IncomingAlert;
import io.aiopshub.ingest.LogLine;
import io.aiopshub.ingest.LogLineQueue;
import io.aiopshub.ingest.StorableTime;
import io.aiopshub.redact.Redactor;
import io.aiopshub.store.AfterCommit;
import io.aiopshub.store.TransientFailures;

/**
 * Mines queued log lines into per-service templates and turns what matters into events for the
 * incident pipeline: a new template whose line is an error ({@code NewErrorLogTemplate}) and a template
 * whose rate spikes against its own baseline ({@code LogTemplateSpike}). Incidents made from these
 * events get the template, its count and a few redacted example lines attached.
 */
@Service
public class LogTemplateService {

    public static final String SOURCE = "log-templates";
    /** log_templates.service and incident_log_templates.service hold 256 characters. */
    static final int MAX_SERVICE = 256;

    private static final Logger LOG = LoggerFactory.getLogger(LogTemplateService.class);

    private final LogLineQueue queue;
    private final LogTemplateStore store;
    private final IncidentTemplateEvidence evidence;
    private final AlertIngestService ingest;
    private final Fingerprinter fingerprinter;
    private final LogTemplateProperties properties;
    private final HubMetrics metrics;
    private final Clock clock;
    private final Redactor redactor;
    private final LogActivity activity;
    private final Map<String, LogTemplateMiner> miners = new HashMap<>();
    private final Map<String, TemplateRate> rates = new HashMap<>();
    private final Map<String, Deque<String>> examples = new HashMap<>();
    private List<IncidentTemplateEvidence.Pending> pendingEvidence = new ArrayList<>();

    public LogTemplateService(LogLineQueue queue, LogTemplateStore store, IncidentTemplateEvidence evidence,
                              AlertIngestService ingest, Fingerprinter fingerprinter, LogTemplateProperties properties,
                              HubMetrics metrics, Clock clock, Redactor redactor, LogActivity activity) {
        this.redactor = redactor;
        this.activity = activity;
        this.queue = queue;
        this.store = store;
        this.evidence = evidence;
        this.ingest = ingest;
        this.fingerprinter = fingerprinter;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Mines what is queued (up to {@code max} lines); returns how many lines it took. Each service's lines
     * are mined on their own: when one service fails for a reason that will not pass, its lines are
     * dropped (counted and logged) and the other services' lines are mined as usual. A transient failure
     * (the database unreachable) leaves the batch unacknowledged, so a Redis queue delivers it again.
     */
    public synchronized int drain(int max) {
        LogLineQueue.Batch batch = queue.take(max);
        Map<String, List<LogLine>> byService = new LinkedHashMap<>();
        for (LogLine line : batch.lines()) {
            byService.computeIfAbsent(line.service(), s -> new ArrayList<>()).add(line);
        }
        byService.forEach((service, lines) -> {
            try {
                mine(lines);
            } catch (RuntimeException e) {
                forget(Set.of(service));
                if (TransientFailures.isTransient(e)) {
                    throw e;
                }
                metrics.logLinesDropped(lines.size());
                LOG.error("Mining {} log lines of service '{}' failed; they are dropped, other services' lines are "
                        + "mined: {}", lines.size(), abbreviate(service), e.toString());
            }
        });
        // Acknowledged only now: a crash before this point hands the lines to another consumer.
        queue.ack(batch);
        return batch.lines().size();
    }

    /**
     * Mines lines, saves the templates they touched and raises the events they call for, in the
     * caller's transaction if there is one (log sources save their checkpoint in the same one).
     */
    public synchronized void mine(List<LogLine> lines) {
        List<IncomingAlert> events = new ArrayList<>();
        List<LogActivity.Sighting> sightings = new ArrayList<>();
        Map<String, Map<String, LogTemplate>> touched = new LinkedHashMap<>();
        for (LogLine unchecked : lines) {
            LogLine line = storable(unchecked);
            LogTemplateMiner miner = miners.computeIfAbsent(line.service(),
                    service -> LogTemplateMiner.restore(MinerConfig.defaults(), clock, store.load(service)));
            TemplateMatch match = miner.add(line.message());
            String key = line.service() + "/" + match.templateId();
            Deque<String> kept = examples.computeIfAbsent(key, k -> new ArrayDeque<>());
            if (kept.size() >= properties.getExamplesPerTemplate()) {
                kept.removeFirst();
            }
            String redacted = redactor.redact(line.message());
            kept.addLast(redacted);
            String level = LogActivity.level(line);
            if (level != null) {
                sightings.add(new LogActivity.Sighting(line.service(), line.host(), match.templateId(), level,
                        line.timestamp(), redacted, line.message()));
            }
            boolean spike = rates.computeIfAbsent(key, k -> new TemplateRate()).observe(
                    line.timestamp().getEpochSecond() / 60, properties.getSpikeFactor(), properties.getSpikeMinCount(),
                    properties.getSpikeWarmupMinutes());
            touched.computeIfAbsent(line.service(), s -> new LinkedHashMap<>()).put(match.templateId(), null);
            if (match.isNew() && line.isError()) {
                events.add(event("NewErrorLogTemplate", properties.getNewErrorSeverity(), line, match,
                        "New error log pattern in " + line.service(), null));
            }
            if (spike) {
                TemplateRate rate = rates.get(key);
                events.add(event("LogTemplateSpike", "warning", line, match, String.format(
                        "Log pattern rate spike in %s: %d lines this minute, baseline %.1f", line.service(), rate.count(),
                        rate.baseline()), clock.instant().plus(properties.getSpikeDuration())));
            }
        }
        persist(touched);
        if (!sightings.isEmpty()) {
            // Counted only once the templates they name are committed; written by attachEvidence.
            AfterCommit.run(() -> activity.add(sightings));
        }
        if (!events.isEmpty()) {
            ingest.accept(events);
            List<IncidentTemplateEvidence.Pending> raised = new ArrayList<>();
            for (IncomingAlert event : events) {
                String service = event.labels().get("service");
                String templateId = event.labels().get("template_id");
                LogTemplate template = find(service, templateId);
                if (template != null) {
                    raised.add(new IncidentTemplateEvidence.Pending(fingerprinter.fingerprint(event.labels()),
                            service, template, List.copyOf(examples.getOrDefault(service + "/" + templateId, new ArrayDeque<>()))));
                }
            }
            // Evidence waits for its incident only once the events that make the incident are committed.
            AfterCommit.run(() -> addPending(raised));
        }
    }

    /**
     * Drops what is held in memory for these services (miners, rates, examples), after a transaction
     * that mined their lines rolled back: the next line reloads the service's templates from the store
     * as they were committed.
     */
    public synchronized void forget(Set<String> services) {
        miners.keySet().removeAll(services);
        rates.keySet().removeIf(key -> services.contains(key.substring(0, key.lastIndexOf('/'))));
        examples.keySet().removeIf(key -> services.contains(key.substring(0, key.lastIndexOf('/'))));
    }

    private synchronized void addPending(List<IncidentTemplateEvidence.Pending> raised) {
        pendingEvidence.addAll(raised);
    }

    /** Attaches templates to incidents that now exist; the rest waits for the next call. */
    public void attachEvidence() {
        synchronized (this) {
            if (!pendingEvidence.isEmpty()) {
                pendingEvidence = new ArrayList<>(evidence.attach(pendingEvidence));
            }
        }
        // Error/warning template activity for the correlation's log evidence; outside the miner's lock.
        activity.flush();
    }

    public synchronized List<LogTemplate> templates(String service) {
        LogTemplateMiner miner = miners.get(service);
        return miner == null ? store.load(service) : miner.templates();
    }

    private IncomingAlert event(String alertname, String severity, LogLine line, TemplateMatch match, String summary,
                                Instant endsAt) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertname);
        labels.put("service", line.service());
        labels.put("severity", severity);
        labels.put("template_id", match.templateId());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("template", match.template());
        annotations.put("example", redactor.redact(line.message()));
        return new IncomingAlert(SOURCE, IncomingAlert.FIRING, labels, annotations, line.timestamp(),
                endsAt == null ? clock.instant().plus(properties.getSpikeDuration()) : endsAt, null);
    }

    /**
     * The line as the template tables can hold it: a service name of at most 256 characters and no NUL
     * character (PostgreSQL refuses it in text), at a time the database can hold (else now). The API
     * refuses such lines; log sources may still deliver them.
     */
    private LogLine storable(LogLine line) {
        String service = line.service().replace('\0', '\uFFFD');
        if (service.length() > MAX_SERVICE) {
            service = service.substring(0, Character.isHighSurrogate(service.charAt(MAX_SERVICE - 1))
                    ? MAX_SERVICE - 1 : MAX_SERVICE);
        }
        String message = line.message().replace('\0', '\uFFFD');
        Instant timestamp = StorableTime.contains(line.timestamp()) ? line.timestamp() : clock.instant();
        return service.equals(line.service()) && message.equals(line.message()) && timestamp.equals(line.timestamp())
                ? line : new LogLine(service, line.level(), message, timestamp, line.host());
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

    private void persist(Map<String, Map<String, LogTemplate>> touched) {
        touched.forEach((service, ids) -> {
            Set<String> wanted = ids.keySet();
            store.save(service, miners.get(service).templates().stream().filter(t -> wanted.contains(t.id())).toList());
        });
    }

    private LogTemplate find(String service, String templateId) {
        LogTemplateMiner miner = miners.get(service);
        return miner == null ? null : miner.templates().stream().filter(t -> t.id().equals(templateId)).findFirst().orElse(null);
    }
}
