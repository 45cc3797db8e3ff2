package io.aiopshub.remediation.run;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.analysis.metrics.PrometheusProperties;
import io.aiopshub.analysis.metrics.PrometheusResponse;
import io.aiopshub.analysis.metrics.Sample;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Templates;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * Verifies the runs this instance holds (route {@code remediation-verifier}): each pass checks every
 * condition the catalog declares (a PromQL query, the incident's alerts resolved, the executor's CHECK).
 * All hold: {@code succeeded}. The deadline passed: {@code failed}, or {@code rolled_back} after the
 * catalog's rollback, or {@code failed} with "rollback failed". The result text goes on the run and the
 * timeline.
 */
@Component("actionVerifier")
public class ActionVerifier {

    public static final String PROMQL = "promql";
    public static final String ALERTS_RESOLVED = "alerts_resolved";
    public static final String CHECK = "check";
    public static final String VERIFY_FAILED = "action_verify_failed";

    private final ActionRunStore store;
    private final ActionCatalog catalog;
    private final RunTexts texts;
    private final RunEndings endings;
    private final InstanceId instance;
    private final PrometheusProperties prometheus;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public ActionVerifier(ActionRunStore store, ActionCatalog catalog, RunTexts texts, RunEndings endings,
                          InstanceId instance, PrometheusProperties prometheus, JdbcTemplate jdbc, ObjectMapper json,
                          Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.texts = texts;
        this.endings = endings;
        this.instance = instance;
        this.prometheus = prometheus;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** This instance's runs in {@code verifying}, one round each. */
    public List<VerifyRound> due() {
        return store.heldBy(instance.id()).stream().filter(r -> r.state() == ActionRunState.VERIFYING)
                .flatMap(r -> catalog.get(r.actionId()).filter(a -> a.verify() != null).map(a -> new VerifyRound(r, a)).stream())
                .toList();
    }

    /** Whether PromQL can be asked at all: the hub's Prometheus integration ({@code aiops.prometheus.enabled}). */
    public boolean prometheusConfigured() {
        return prometheus.isEnabled() && prometheus.getBaseUrl() != null && !prometheus.getBaseUrl().isBlank();
    }

    /** The instant query of the catalog's PromQL with the run's parameters, as {@code CamelHttpQuery}. */
    public String promqlQuery(@ExchangeProperty("round") VerifyRound round) {
        return "query=" + URLEncoder.encode(promql(round), StandardCharsets.UTF_8)
                + "&time=" + clock.instant().getEpochSecond();
    }

    public void promqlAnswered(@ExchangeProperty("round") VerifyRound round, String body) throws JsonProcessingException {
        List<Sample> samples = PrometheusResponse.samples(json.readTree(body));
        round.found(PROMQL, !samples.isEmpty(), samples.isEmpty() ? "no series for " + promql(round)
                : samples.size() + " series");
    }

    public void promqlFailed(@ExchangeProperty("round") VerifyRound round, Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        round.found(PROMQL, false, "Prometheus query failed: " + (e == null ? "unknown error" : e.getMessage()));
    }

    public void promqlNotConfigured(@ExchangeProperty("round") VerifyRound round) {
        round.found(PROMQL, false, "Prometheus is not configured (aiops.prometheus.enabled and aiops.prometheus.base-url): "
                + "the condition cannot be checked");
    }

    /** All alerts of the run's incident resolved (a run without an incident cannot satisfy this). */
    public void alertsResolved(@ExchangeProperty("round") VerifyRound round) {
        String incidentId = round.getRun().incidentId();
        if (incidentId == null) {
            round.found(ALERTS_RESOLVED, false, "the run has no incident whose alerts could resolve");
            return;
        }
        Map<String, Object> counts = jdbc.queryForMap("select count(*) as total, "
                + "coalesce(sum(case when status = ? then 0 else 1 end), 0) as open from alerts where incident_id = ?",
                IncidentEngine.RESOLVED, incidentId);
        long total = ((Number) counts.get("TOTAL")).longValue();
        long open = ((Number) counts.get("OPEN")).longValue();
        round.found(ALERTS_RESOLVED, total > 0 && open == 0, open == 0 ? "all " + total + " alerts resolved"
                : open + " of " + total + " alerts still firing");
    }

    public ExecutorRequest checkRequest(@ExchangeProperty("round") VerifyRound round) {
        return request(round, ExecutorPhase.CHECK);
    }

    public void checkAnswered(@ExchangeProperty("round") VerifyRound round, ExecutorResult result) {
        round.found(CHECK, result.succeeded(), texts.summary(result));
    }

    /**
     * Ends the round: {@code succeeded} when every condition holds; past the deadline, {@code failed} (or
     * a rollback is due, see {@link VerifyRound#isRollbackDue()}); otherwise the findings so far go on the run.
     */
    public void decide(@ExchangeProperty("round") VerifyRound round) {
        ActionRun run = round.getRun();
        String summary = round.summary();
        if (round.allHold()) {
            finish(run, Move.of(ActionRunState.VERIFYING, ActionRunState.SUCCEEDED).because("verified: " + summary)
                    .set(RunColumn.VERIFY_RESULT, texts.keep("verified: " + summary)));
            return;
        }
        Instant now = clock.instant();
        if (run.verifyDeadline() != null && now.isBefore(run.verifyDeadline())) {
            store.update(run.id(), ActionRunState.VERIFYING, instance.id(),
                    Map.of(RunColumn.VERIFY_RESULT, texts.keep("not yet (until " + run.verifyDeadline() + "): " + summary)));
            return;
        }
        String failure = "verify failed by " + run.verifyDeadline() + ": " + summary;
        if (round.getAction().hasRollback()) {
            store.note(run, VERIFY_FAILED, instance.id(), failure + "; rolling back");
            round.markRollbackDue(failure);
            return;
        }
        finish(run, Move.of(ActionRunState.VERIFYING, ActionRunState.FAILED).because(failure + "; the catalog declares no rollback")
                .set(RunColumn.VERIFY_RESULT, texts.keep(failure)));
    }

    public ExecutorRequest rollbackRequest(@ExchangeProperty("round") VerifyRound round) {
        return request(round, ExecutorPhase.ROLLBACK);
    }

    public void rolledBack(@ExchangeProperty("round") VerifyRound round, ExecutorResult result) {
        String summary = texts.summary(result);
        Move move = result.succeeded()
                ? Move.of(ActionRunState.VERIFYING, ActionRunState.ROLLED_BACK).because(round.failure() + "; rolled back: " + summary)
                : Move.of(ActionRunState.VERIFYING, ActionRunState.FAILED).because(round.failure() + "; rollback failed: " + summary);
        finish(round.getRun(), move.set(RunColumn.VERIFY_RESULT, texts.keep(round.failure()))
                .set(RunColumn.ROLLBACK_OUTPUT, texts.of(result)));
    }

    private void finish(ActionRun run, Move move) {
        if (store.move(run.id(), move.by(instance.id()).heldBy(instance.id()))) {
            endings.ended(run.id());
        }
    }

    private String promql(VerifyRound round) {
        return Templates.fill(round.getSpec().promql(), round.getRun().parameters());
    }

    private ExecutorRequest request(VerifyRound round, ExecutorPhase phase) {
        ActionRun run = store.find(round.getRun().id()).orElseThrow();
        ActionDefinition action = round.getAction();
        return new ExecutorRequest(run.id(), phase, action, run.parameters(), run.executorState(), action.timeoutOrDefault());
    }
}
