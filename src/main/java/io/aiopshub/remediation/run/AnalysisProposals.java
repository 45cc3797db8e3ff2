package io.aiopshub.remediation.run;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.rca.analysis.AnalysisResult;
import io.aiopshub.rca.analysis.SuggestedAction;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;

/**
 * The step of route {@code incident-analysis} that turns stored analyses into proposals: each suggested
 * action that passed the catalog becomes a run of the analysis' incident, at most once per (incident,
 * action, parameters). Proposed by the LLM provider ({@code analysis}) or by {@code rule:<id>} of the
 * rule-based analyst ({@code rule}). Only incidents still firing get proposals.
 */
@Component("analysisProposals")
public class AnalysisProposals {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisProposals.class);
    /** Analyses one pass turns into proposals; the rest wait for the next pass. */
    private static final int BATCH = 20;

    /** The analyses of one pass and the proposals made from them. */
    public record Batch(List<Long> analysisIds, List<Proposal> proposals) { }

    private final JdbcTemplate jdbc;
    private final ActionCatalog catalog;
    private final ActionProposals proposals;
    private final ObjectMapper json;
    private final Clock clock;

    public AnalysisProposals(JdbcTemplate jdbc, ActionCatalog catalog, ActionProposals proposals, ObjectMapper json,
                             Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.proposals = proposals;
        this.json = json;
        this.clock = clock;
    }

    /** The analyses whose suggestions are not proposed yet, oldest first. */
    public Batch pending() {
        List<Long> ids = new ArrayList<>();
        List<Proposal> result = new ArrayList<>();
        jdbc.query("""
                select a.id, a.incident_id, a.provider, a.rule_id, a.result_json, i.status
                from incident_analyses a join incidents i on i.id = a.incident_id
                where a.actions_proposed_at is null order by a.id fetch first ? rows only""", rs -> {
            ids.add(rs.getLong("id"));
            if (IncidentEngine.FIRING.equals(rs.getString("status"))) {
                String ruleId = rs.getString("rule_id");
                ProposerKind kind = ruleId == null ? ProposerKind.ANALYSIS : ProposerKind.RULE;
                String by = ruleId == null ? rs.getString("provider") : "rule:" + ruleId;
                result.addAll(suggestions(rs.getString("incident_id"), rs.getString("result_json"), kind, by));
            }
        }, BATCH);
        return new Batch(ids, result);
    }

    /** Marks the batch's analyses as proposed; a proposal that failed is not tried again for the same analysis. */
    public void done(@ExchangeProperty("analysisBatch") Batch batch) {
        Timestamp now = Timestamp.from(clock.instant());
        for (Long id : batch.analysisIds()) {
            jdbc.update("update incident_analyses set actions_proposed_at = ? where id = ?", now, id);
        }
    }

    /** A suggestion the runner did not take (refused by the policy, a parameter out of date): logged, the rest go on. */
    public void failed(@ExchangeProperty("proposal") Proposal proposal, Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("Suggested {} for incident {} was not proposed: {}", proposal.actionId(), proposal.incidentId(),
                e == null ? "unknown" : e.getMessage());
    }

    private List<Proposal> suggestions(String incidentId, String resultJson, ProposerKind kind, String by) {
        AnalysisResult result;
        try {
            result = json.readValue(resultJson, AnalysisResult.class);
        } catch (JsonProcessingException e) {
            LOG.warn("Analysis of incident {} is unreadable; its suggestions are not proposed", incidentId);
            return List.of();
        }
        List<Proposal> found = new ArrayList<>();
        for (SuggestedAction suggestion : result.suggestedActions()) {
            ActionDefinition action = catalog.get(suggestion.actionId()).orElse(null);
            if (action == null) {
                continue;
            }
            Map<String, Object> parameters = suggestion.parameters();
            found.add(new Proposal(action.id(), parameters, incidentId, by, kind,
                    proposals.suggestionKey(incidentId, action, parameters), suggestion.reason()));
        }
        return found;
    }
}
