package io.aiopshub.rca;

import io.aiopshub.rca.llm.LlmPrices;
import io.aiopshub.rca.llm.LlmAnalyst;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.incident.IncidentTimeline;
import io.aiopshub.ingest.Fingerprinter;
import io.aiopshub.rca.group.GroupContext;
import io.aiopshub.rca.group.GroupContexts;
import io.aiopshub.rca.rules.IncidentEvidence;
import io.aiopshub.rca.rules.RuleBasedAnalyst;
import io.aiopshub.rca.similar.Runbooks;
import io.aiopshub.rca.similar.SimilarIncidents;
import io.aiopshub.redact.Redactor;
import io.aiopshub.store.LabelsConverter;

/**
 * Explains open incidents off the ingest path: an incident is analysed when it is new and again when it
 * changed materially (its alerts, log templates or severity: the signature), not on every repeat. The
 * result lands in {@code incident_analyses} and on the timeline. The chain: the configured LLM
 * providers ({@link LlmAnalyst}), then the rule-based analyst. Evidence is redacted as it is loaded, so
 * every analyst, prompt, stored analysis and similarity entry works on redacted text only.
 */
@Service
public class IncidentAnalysisService {

    public static final String RULE_BASED = "rule-based";
    public static final String TIMELINE_KIND = "analysis";
    /** Incidents whose evidence one run of the loop loads at most; the rest wait for the next run. */
    private static final int MAX_PER_RUN = 100;
    /**
     * Alerts of one incident an analysis reads at most, the newest. A storm can put thousands of alerts into
     * one incident; reading, parsing and redacting all of them at every check grows with the incident, while
     * the analysts (and a prompt's token budget) gain nothing from the thousandth alert like the others.
     */
    static final int MAX_ALERT_EVIDENCE = 500;

    private final JdbcTemplate jdbc;
    private final RuleBasedAnalyst analyst;
    private final LlmAnalyst llmAnalyst;
    private final AnalysisCache cache;
    private final SimilarIncidents similarIncidents;
    private final Runbooks runbooks;
    private final LlmPrices prices;
    private volatile boolean similarLoaded;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final IncidentTimeline timeline;
    private final ObjectMapper json;
    private final Clock clock;
    private final Redactor redactor;
    private final GroupContexts groups;
    /**
     * What this loop last looked at for an open incident (see {@link #analyzePending()}) and when: the
     * incident's severity and correlation (a change is looked at at once), and how many alerts and log
     * templates it had (growth waits for the re-check interval).
     */
    private record Looked(String standing, String growth, Instant at) {

        boolean same(Looked other) {
            return standing.equals(other.standing) && growth.equals(other.growth);
        }
    }

    /** Per open incident, the stamp this loop last looked at and when (see {@link #analyzePending()}). */
    private final Map<String, Looked> stamps = new ConcurrentHashMap<>();
    private final Duration recheckInterval;

    public IncidentAnalysisService(JdbcTemplate jdbc, RuleBasedAnalyst analyst, LlmAnalyst llmAnalyst,
                                   AnalysisCache cache, io.micrometer.core.instrument.MeterRegistry meters,
                                   SimilarIncidents similarIncidents, Runbooks runbooks, LlmPrices prices,
                                   IncidentTimeline timeline, ObjectMapper json, Clock clock, Redactor redactor,
                                   GroupContexts groups, io.aiopshub.rca.llm.LlmProperties properties) {
        this.jdbc = jdbc;
        this.recheckInterval = properties.getRecheckInterval();
        this.groups = groups;
        this.redactor = redactor;
        this.prices = prices;
        this.similarIncidents = similarIncidents;
        this.runbooks = runbooks;
        this.cache = cache;
        this.meters = meters;
        this.analyst = analyst;
        this.llmAnalyst = llmAnalyst;
        this.timeline = timeline;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Analyses the open incidents whose signature changed since their last analysis; returns how many.
     * A cheap stamp per incident (severity, and the count and newest id of its alerts and its log
     * templates) changes whenever the signature can have; only incidents whose stamp moved since this
     * loop last looked have their evidence loaded and their signature compared. One that only gained alerts
     * or log templates waits if it was looked at less than {@code aiops.llm.recheck-interval} ago: loading the
     * evidence costs more the larger the incident, and during an alert storm every open incident grows at
     * every run. A raised severity or a changed correlated group is looked at at once.
     * Deliberately not one transaction: LLM calls take seconds, and each analysis is stored on its own.
     */
    public int analyzePending() {
        List<Map<String, Object>> open = jdbc.queryForList("""
                select i.id, i.title, i.severity,
                       (select count(*) from alerts a where a.incident_id = i.id) as alert_count,
                       (select max(a.id) from alerts a where a.incident_id = i.id) as alert_newest,
                       (select count(*) from incident_log_templates t where t.incident_id = i.id) as template_count,
                       (select max(t.id) from incident_log_templates t where t.incident_id = i.id) as template_newest,
                       i.correlation_stamp
                from incidents i where i.status = 'firing' order by i.updated_at desc""");
        Map<String, Looked> current = new HashMap<>();
        Instant now = clock.instant();
        int analysed = 0;
        int looked = 0;
        for (Map<String, Object> row : open) {
            String id = (String) row.get("ID");
            Looked stamp = new Looked(row.get("SEVERITY") + "|" + row.get("CORRELATION_STAMP"),
                    row.get("ALERT_COUNT") + "|" + row.get("ALERT_NEWEST") + "|" + row.get("TEMPLATE_COUNT") + "|"
                            + row.get("TEMPLATE_NEWEST"), now);
            Looked seen = stamps.get(id);
            boolean unchanged = seen != null && stamp.same(seen);
            boolean onlyGrewRecently = seen != null && stamp.standing().equals(seen.standing())
                    && now.isBefore(seen.at().plus(recheckInterval));
            if (unchanged || onlyGrewRecently || looked >= MAX_PER_RUN) {
                current.put(id, seen);
                continue;
            }
            looked++;
            if (analyze(id, (String) row.get("TITLE"), (String) row.get("SEVERITY"), false)) {
                analysed++;
            }
            current.put(id, stamp);
        }
        // Only open incidents are remembered: the map is as large as the open set.
        stamps.keySet().retainAll(current.keySet());
        current.forEach((id, stamp) -> {
            if (stamp != null) {
                stamps.put(id, stamp);
            }
        });
        return analysed;
    }

    /** Analyses one incident now, even if nothing changed ({@code POST /api/v1/incidents/{id}/analyze}). */
    public boolean analyzeNow(String incidentId) {
        List<Map<String, Object>> rows = jdbc.queryForList("select id, title, severity from incidents where id = ?", incidentId);
        if (rows.isEmpty()) {
            return false;
        }
        return analyze(incidentId, (String) rows.get(0).get("TITLE"), (String) rows.get(0).get("SEVERITY"), true);
    }

    private boolean analyze(String id, String title, String severity, boolean force) {
        long started = System.nanoTime();
        boolean analysed = analyzeTimed(id, title, severity, force);
        if (analysed) {
            meters.timer("aiops.analysis.duration").record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        return analysed;
    }

    private boolean analyzeTimed(String id, String title, String severity, boolean force) {
        // The group (members, ranked root, log evidence and changes around it) before any analyst runs.
        IncidentEvidence evidence = evidence(id, title, severity).withGroup(groups.forIncident(id));
        if (evidence.alerts().isEmpty()) {
            return false;
        }
        String signature = signature(evidence);
        List<String> last = jdbc.queryForList("select signature from incident_analyses where incident_id = ? "
                + "order by id desc fetch first 1 rows only", String.class, id);
        if (!force && !last.isEmpty() && last.get(0).equals(signature)) {
            return false;
        }
        ensureSimilarIndexLoaded();
        String description = describe(evidence);
        List<SimilarIncidents.Match> similar = similarIncidents.nearest(description, 3, id);
        List<Runbooks.Section> relevantRunbooks = runbooks.relevant(description, 2);
        LlmAnalyst.LlmOutcome llm = !llmAnalyst.hasProviders() ? null
                : force ? llmAnalyst.analyze(evidence, similar, relevantRunbooks)
                : cachedOrAsk(signature, evidence, similar, relevantRunbooks);
        String rootCause;
        if (llm != null) {
            rootCause = llm.result().rootCause();
            double cost = prices.cost(llm.model(), llm.tokensIn(), llm.tokensOut());
            jdbc.update("insert into incident_analyses (incident_id, signature, provider, model, category, result_json, prompt, "
                    + "response, latency_ms, tokens_in, tokens_out, cost_usd, similar_json, runbooks_json, created_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, signature, llm.provider(), llm.model(), llm.result().category(), write(llm.result()), llm.prompt(), llm.response(),
                    llm.latencyMillis(), llm.tokensIn(), llm.tokensOut(), cost,
                    write(similar), write(relevantRunbooks), Timestamp.from(clock.instant()));
            meters.counter("aiops.llm.tokens", "provider", llm.provider(), "direction", "in").increment(llm.tokensIn());
            meters.counter("aiops.llm.tokens", "provider", llm.provider(), "direction", "out").increment(llm.tokensOut());
            meters.counter("aiops.llm.cost.usd", "provider", llm.provider())
                    .increment(cost);
            timeline.record(id, TIMELINE_KIND, llm.provider(), "model=" + llm.model() + " summary=" + llm.result().summary()
                    + (llm.dropped().isEmpty() ? "" : " dropped_actions=" + llm.dropped()));
        } else {
            // No provider configured, or all failed: the deterministic analyst answers, marked as such.
            String provider = ruleBasedName();
            if (llmAnalyst.hasProviders()) {
                meters.counter("aiops.llm.fallbacks").increment();
            }
            RuleBasedAnalyst.Outcome outcome = analyst.analyze(evidence);
            rootCause = outcome.result().rootCause();
            jdbc.update("insert into incident_analyses (incident_id, signature, provider, model, rule_id, category, "
                    + "result_json, similar_json, runbooks_json, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, signature, provider, null, outcome.ruleId(), outcome.category(), write(outcome.result()),
                    write(similar), write(relevantRunbooks), Timestamp.from(clock.instant()));
            timeline.record(id, TIMELINE_KIND, provider, "rule=" + outcome.ruleId() + " category=" + outcome.category()
                    + " summary=" + outcome.result().summary());
        }
        similarIncidents.add(id, title, description, rootCause);
        return true;
    }

    /** What an incident is about, in words, for similarity search. */
    static String describe(IncidentEvidence evidence) {
        StringBuilder text = new StringBuilder(evidence.title() == null ? "" : evidence.title());
        evidence.alerts().stream().limit(5).forEach(a -> text.append(". ").append(a.labels().getOrDefault("alertname", ""))
                .append(' ').append(a.labels().getOrDefault("service", "")));
        evidence.templates().stream().limit(5).forEach(t -> text.append(". ").append(t.template()));
        return text.toString();
    }

    /** Past analyses go into the similarity index once, on first use. */
    private void ensureSimilarIndexLoaded() {
        if (similarLoaded) {
            return;
        }
        similarLoaded = true;
        jdbc.query("select a.incident_id, i.title, a.result_json from incident_analyses a join incidents i on i.id = a.incident_id "
                + "where a.id in (select max(id) from incident_analyses group by incident_id)", rs -> {
                    String incidentId = rs.getString(1);
                    IncidentEvidence evidence = evidence(incidentId, rs.getString(2), null);
                    try {
                        similarIncidents.add(incidentId, rs.getString(2), describe(evidence),
                                json.readTree(rs.getString(3)).path("root_cause").asText());
                    } catch (JsonProcessingException e) {
                        // an unreadable old analysis is simply not indexed
                    }
                });
    }

    /** The answer to {@code POST /api/v1/analyze}: which analyst answered and what it said. */
    public record ServiceAnalysis(String service, String window, String provider, String category,
                                  @com.fasterxml.jackson.annotation.JsonProperty("root_service") String rootService,
                                  io.aiopshub.rca.analysis.AnalysisResult result,
                                  List<SimilarIncidents.Match> similarIncidents, List<Runbooks.Section> runbooks) { }

    /**
     * Analyses a service's recent state, as the old {@code /analyze} did: its alerts that fired and its log
     * templates seen within the window, through the same chain. Nothing is stored.
     */
    public ServiceAnalysis analyzeService(String service, java.time.Duration window) {
        Instant since = clock.instant().minus(window);
        List<IncidentEvidence.AlertEvidence> alerts = jdbc.query("select a.fingerprint, a.status, a.labels_json from alerts a "
                + "join incidents i on i.id = a.incident_id where i.service = ? and a.last_received_at >= ? order by a.id desc "
                + "fetch first 50 rows only", (rs, i) -> new IncidentEvidence.AlertEvidence(rs.getString(1), rs.getString(2),
                LabelsConverter.read(rs.getString(3))), service, Timestamp.from(since));
        List<IncidentEvidence.TemplateEvidence> templates = jdbc.query("select service, template_id, template, occurrences "
                + "from log_templates where service = ? and last_seen_at >= ? order by occurrences desc fetch first 20 rows only",
                (rs, i) -> new IncidentEvidence.TemplateEvidence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                service, Timestamp.from(since));
        List<IncidentEvidence.AlertEvidence> subject = alerts.isEmpty()
                ? List.of(new IncidentEvidence.AlertEvidence("-", "none", Map.of("alertname", "ServiceReview", "service", service)))
                : alerts;
        List<IncidentEvidence.MetricEvidence> metrics = new ArrayList<>();
        jdbc.queryForList("select distinct i.id from incidents i join incident_metric_context m on m.incident_id = i.id "
                + "where i.service = ? and i.updated_at >= ?", String.class, service, Timestamp.from(since))
                .forEach(incidentId -> metrics.addAll(evidence(incidentId, null, null).metrics()));
        IncidentEvidence evidence = new IncidentEvidence(null, "Service " + service + " over the last " + window, "info",
                subject, templates, metrics).redacted(redactor);
        ensureSimilarIndexLoaded();
        String description = describe(evidence);
        List<SimilarIncidents.Match> similar = similarIncidents.nearest(description, 3, null);
        List<Runbooks.Section> relevantRunbooks = runbooks.relevant(description, 2);
        LlmAnalyst.LlmOutcome llm = llmAnalyst.hasProviders() ? llmAnalyst.analyze(evidence, similar, relevantRunbooks) : null;
        if (llm != null) {
            return new ServiceAnalysis(service, window.toString(), llm.provider(), llm.result().category(),
                    llm.result().rootService(), llm.result(), similar, relevantRunbooks);
        }
        RuleBasedAnalyst.Outcome outcome = analyst.analyze(evidence);
        return new ServiceAnalysis(service, window.toString(), ruleBasedName(), outcome.category(),
                outcome.result().rootService(), outcome.result(), similar, relevantRunbooks);
    }

    /** A recurring incident (same signature) reuses the cached answer instead of paying again. */
    /** The rule-based analyst's name on a result: a fallback when LLM providers are configured. */
    private String ruleBasedName() {
        return llmAnalyst.hasProviders() ? RULE_BASED + " (fallback)" : RULE_BASED;
    }

    private LlmAnalyst.LlmOutcome cachedOrAsk(String signature, IncidentEvidence evidence,
                                              List<SimilarIncidents.Match> similar, List<Runbooks.Section> relevantRunbooks) {
        var cached = cache.get(signature);
        if (cached.isPresent()) {
            try {
                LlmAnalyst.LlmOutcome hit = json.readValue(cached.get(), LlmAnalyst.LlmOutcome.class);
                meters.counter("aiops.llm.cache", "outcome", "hit").increment();
                return new LlmAnalyst.LlmOutcome(hit.provider() + " (cached)", hit.model(), hit.result(), hit.dropped(),
                        hit.prompt(), hit.response(), 0, 0, 0);
            } catch (JsonProcessingException e) {
                // An unreadable entry (older format) is simply asked again.
            }
        }
        meters.counter("aiops.llm.cache", "outcome", "miss").increment();
        LlmAnalyst.LlmOutcome fresh = llmAnalyst.analyze(evidence, similar, relevantRunbooks);
        if (fresh != null) {
            cache.put(signature, write(fresh));
        }
        return fresh;
    }

    /**
     * The incident's evidence, redacted: its newest {@value #MAX_ALERT_EVIDENCE} alerts (in the order they
     * joined), its log templates and metric context.
     */
    IncidentEvidence evidence(String incidentId, String title, String severity) {
        List<IncidentEvidence.AlertEvidence> alerts = new ArrayList<>(jdbc.query(
                "select fingerprint, status, labels_json from alerts where incident_id = ? order by id desc fetch first ? rows only",
                (rs, i) -> new IncidentEvidence.AlertEvidence(rs.getString(1), rs.getString(2),
                        LabelsConverter.read(rs.getString(3))), incidentId, MAX_ALERT_EVIDENCE));
        Collections.reverse(alerts);
        List<IncidentEvidence.TemplateEvidence> templates = jdbc.query(
                "select service, template_id, template, occurrences, examples_json from incident_log_templates "
                        + "where incident_id = ? order by occurrences desc", (rs, i) -> new IncidentEvidence.TemplateEvidence(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), examples(rs.getString(5))), incidentId);
        List<IncidentEvidence.MetricEvidence> metrics = new ArrayList<>();
        jdbc.query("select query, series_json from incident_metric_context where incident_id = ? order by id", rs -> {
            try {
                for (com.fasterxml.jackson.databind.JsonNode series : json.readTree(rs.getString(2))) {
                    double min = Double.MAX_VALUE;
                    double max = -Double.MAX_VALUE;
                    double last = Double.NaN;
                    for (com.fasterxml.jackson.databind.JsonNode point : series.path("values")) {
                        double v = point.path(1).asDouble();
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                        last = v;
                    }
                    if (!Double.isNaN(last)) {
                        metrics.add(new IncidentEvidence.MetricEvidence(rs.getString(1), series.path("metric").toString(), min, max, last));
                    }
                }
            } catch (JsonProcessingException e) {
                // unreadable context is left out of the evidence
            }
        }, incidentId);
        return new IncidentEvidence(incidentId, title, severity, alerts, templates, metrics).redacted(redactor);
    }

    private List<String> examples(String stored) {
        try {
            return json.readValue(stored, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /**
     * What makes a change material: the set of alerts, the set of templates, the severity, and the group
     * (its members, its root and their roles, the log templates and change events gathered for it).
     */
    static String signature(IncidentEvidence evidence) {
        String alerts = evidence.alerts().stream().map(IncidentEvidence.AlertEvidence::fingerprint).sorted()
                .collect(Collectors.joining(","));
        String templates = evidence.templates().stream().map(t -> t.service() + "/" + t.templateId()).sorted()
                .collect(Collectors.joining(","));
        return Fingerprinter.sha256Hex(alerts + "|" + templates + "|" + evidence.severity() + groupSignature(evidence.group()));
    }

    /** Empty for an incident alone without evidence, so such signatures stay as they were. */
    private static String groupSignature(GroupContext group) {
        if (!group.correlated() && group.logEvidence().isEmpty() && group.changes().isEmpty()) {
            return "";
        }
        return "|group=" + (group.correlated() ? group.group().id() + "/" + group.group().rootIncidentId() + "/"
                + group.group().members().stream().map(m -> m.incidentId() + ":" + m.role()).sorted()
                .collect(Collectors.joining(",")) : "")
                + "|logs=" + group.logEvidence().stream().map(t -> t.service() + "/" + t.templateId()).sorted()
                .collect(Collectors.joining(","))
                + "|changes=" + group.changes().stream().map(c -> c.id()).sorted().collect(Collectors.joining(","));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
