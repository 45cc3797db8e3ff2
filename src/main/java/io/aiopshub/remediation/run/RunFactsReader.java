package io.aiopshub.remediation.run;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.remediation.RunFacts;
import io.aiopshub.remediation.catalog.Risk;
import io.aiopshub.store.LabelsConverter;

/** What the remediation policy is told about a run, with the group labels of its incident. */
@Component
public class RunFactsReader {

    private final JdbcTemplate jdbc;

    public RunFactsReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public RunFacts of(ActionRun run) {
        return facts(run.id(), run.incidentId(), run.actionId(), run.risk(), run.target(), run.proposedBy(), run.parameters());
    }

    /** Facts of a run not stored yet (the proposal the policy may refuse). */
    public RunFacts facts(String runId, String incidentId, String actionId, Risk risk, String target, String proposedBy,
                          Map<String, Object> parameters) {
        return new RunFacts(runId, incidentId, actionId, risk, target, proposedBy, labels(incidentId), parameters);
    }

    private Map<String, String> labels(String incidentId) {
        if (incidentId == null) {
            return Map.of();
        }
        List<String> stored = jdbc.queryForList("select group_labels_json from incidents where id = ?", String.class, incidentId);
        return stored.isEmpty() || stored.get(0) == null ? Map.of() : LabelsConverter.read(stored.get(0));
    }
}
