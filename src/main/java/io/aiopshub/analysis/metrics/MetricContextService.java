package io.aiopshub.analysis.metrics;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.ingest.Fingerprinter;
import io.aiopshub.ingest.IncomingAlert;
import io.aiopshub.store.OpenIncidentLookup;

/**
 * Metric context for incidents made by metric rules: a {@code query_range} of the rule's expression
 * from {@link #BEFORE} before the series became active until now, stored in
 * {@code incident_metric_context} once the incident exists. What analysis and people look at first.
 */
@Service
public class MetricContextService {

    /** One capture waiting for its incident. */
    public record ContextQuery(String fingerprint, String expr, String description, Instant start, Instant end,
                               Duration step, int attempts) { }

    static final Duration BEFORE = Duration.ofMinutes(30);
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int MAX_ATTEMPTS = 30;
    private static final int MAX_REMEMBERED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(MetricContextService.class);

    private final JdbcTemplate jdbc;
    private final OpenIncidentLookup openIncidents;
    private final Fingerprinter fingerprinter;
    private final ObjectMapper json;
    private final Clock clock;
    private final List<ContextQuery> pending = new ArrayList<>();
    private final Set<String> captured = new HashSet<>();

    public MetricContextService(JdbcTemplate jdbc, OpenIncidentLookup openIncidents,
                                Fingerprinter fingerprinter, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.openIncidents = openIncidents;
        this.fingerprinter = fingerprinter;
        this.json = json;
        this.clock = clock;
    }

    /** Notes the rule's events: a series that starts firing gets its context captured once. */
    public synchronized void observe(AlertRule rule, List<IncomingAlert> events) {
        for (IncomingAlert event : events) {
            String fingerprint = fingerprinter.fingerprint(event.labels());
            if (!event.isFiring()) {
                captured.remove(fingerprint);
            } else if (captured.size() < MAX_REMEMBERED && captured.add(fingerprint)) {
                pending.add(new ContextQuery(fingerprint, rule.expr(), rule.key() + " " + event.labels(),
                        event.startsAt().minus(BEFORE), null, STEP, 0));
            }
        }
    }

    /** Captures to run now, with their end fixed at this moment. */
    public synchronized List<ContextQuery> due() {
        Instant now = clock.instant();
        List<ContextQuery> due = pending.stream()
                .map(q -> new ContextQuery(q.fingerprint(), q.expr(), q.description(), q.start(), now, q.step(), q.attempts()))
                .toList();
        pending.clear();
        return due;
    }

    public String queryString(ContextQuery query) {
        return "query=" + URLEncoder.encode(query.expr(), StandardCharsets.UTF_8) + "&start=" + query.start().getEpochSecond()
                + "&end=" + query.end().getEpochSecond() + "&step=" + query.step().getSeconds();
    }

    /** Stores the series on every open incident holding the alert; waits for the incident if it is not there yet. */
    public synchronized void store(@ExchangeProperty("contextQuery") ContextQuery query, String body) throws Exception {
        JsonNode root = json.readTree(body);
        if (!"success".equals(root.path("status").asText())) {
            throw new IllegalStateException("query_range failed: " + root.path("error").asText());
        }
        List<String> incidents = openIncidents.holdingAlert(query.fingerprint());
        if (incidents.isEmpty()) {
            retryLater(query);
            return;
        }
        String series = json.writeValueAsString(root.path("data").path("result"));
        for (String incident : incidents) {
            jdbc.update("insert into incident_metric_context (incident_id, query, description, series_json, range_start, "
                    + "range_end, step_seconds, captured_at) values (?, ?, ?, ?, ?, ?, ?, ?)", incident, query.expr(),
                    query.description().length() > 500 ? query.description().substring(0, 500) : query.description(), series,
                    Timestamp.from(query.start()), Timestamp.from(query.end()), (int) query.step().getSeconds(),
                    Timestamp.from(clock.instant()));
        }
    }

    public synchronized void failed(@ExchangeProperty("contextQuery") ContextQuery query,
                                    @ExchangeProperty("CamelExceptionCaught") Exception e) {
        LOG.warn("Metric context for {} not captured: {}", query.description(), e.getMessage());
        retryLater(query);
    }

    private void retryLater(ContextQuery query) {
        if (query.attempts() + 1 < MAX_ATTEMPTS) {
            pending.add(new ContextQuery(query.fingerprint(), query.expr(), query.description(), query.start(), null,
                    query.step(), query.attempts() + 1));
        }
    }
}
