package io.aiopshub.analysis.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.ingest.AlertIngestService;
import io.aiopshub.ingest.IncomingAlert;

/**
 * The steps of the metric-rules route: which rules are due, the query for each, and what to make of
 * Prometheus' answer (through {@link RuleStateMachine} into the incident pipeline).
 */
@Service
public class MetricRuleService {

    /** One rule to evaluate now, at a fixed evaluation time. */
    public record RuleQuery(AlertRule rule, Duration interval, Instant at) { }

    private static final Logger LOG = LoggerFactory.getLogger(MetricRuleService.class);

    private final List<RuleGroup> groups;
    private final RuleStateMachine states = new RuleStateMachine();
    private final AnomalyScores anomalyScores = new AnomalyScores();
    private final Map<String, Instant> lastEvaluated = new HashMap<>();
    private final AlertIngestService ingest;
    private final MetricContextService context;
    private final ObjectMapper json;
    private final Clock clock;

    public MetricRuleService(PrometheusProperties properties, AlertIngestService ingest, MetricContextService context,
                             ObjectMapper json, Clock clock) {
        this.ingest = ingest;
        this.context = context;
        this.json = json;
        this.clock = clock;
        try {
            this.groups = new RuleFileLoader().loadDirectory(Path.of(properties.getRulesDir()), properties.getDefaultInterval());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule files in " + properties.getRulesDir(), e);
        }
        LOG.info("Loaded {} rule groups with {} alerting rules from {}", groups.size(),
                groups.stream().mapToInt(g -> g.rules().size()).sum(), properties.getRulesDir());
    }

    /** Rules of every group whose interval has passed since its last evaluation. */
    public synchronized List<RuleQuery> due() {
        Instant now = clock.instant();
        List<RuleQuery> due = new ArrayList<>();
        for (RuleGroup group : groups) {
            Instant last = lastEvaluated.get(group.name());
            if (last == null || !now.isBefore(last.plus(group.interval()))) {
                lastEvaluated.put(group.name(), now);
                group.rules().forEach(rule -> due.add(new RuleQuery(rule, group.interval(), now)));
            }
        }
        return due;
    }

    /** The query string for Prometheus' instant query API. */
    public String queryString(RuleQuery query) {
        return "query=" + URLEncoder.encode(query.rule().expr(), StandardCharsets.UTF_8) + "&time=" + query.at().getEpochSecond();
    }

    /** Applies Prometheus' answer for one rule; sends the resulting events into the pipeline. */
    public void evaluate(@ExchangeProperty("ruleQuery") RuleQuery query, String body) throws IOException {
        List<Sample> samples = PrometheusResponse.samples(json.readTree(body));
        if (query.rule().anomaly()) {
            samples = anomalyScores.anomalous(query.rule(), samples, query.interval());
        }
        List<IncomingAlert> events = states.evaluate(query.rule(), samples, query.at(), query.interval());
        if (!events.isEmpty()) {
            ingest.accept(events);
            context.observe(query.rule(), events);
        }
    }

    public void failed(@ExchangeProperty("ruleQuery") RuleQuery query, @ExchangeProperty("CamelExceptionCaught") Exception e) {
        LOG.warn("Rule {} could not be evaluated: {}", query.rule().key(), e.getMessage());
    }

    public List<RuleGroup> groups() {
        return groups;
    }

    public RuleStateMachine states() {
        return states;
    }
}
