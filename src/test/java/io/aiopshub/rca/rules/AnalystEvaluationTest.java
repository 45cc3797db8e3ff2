package io.aiopshub.rca.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aiopshub.bench.EvaluationSet;
import io.aiopshub.remediation.catalog.ActionCatalog;

/**
 * The rule-based analyst on the evaluation set (src/test/resources/llm-eval): how often its root-cause
 * category matches the operator's. The floor is the figure measured when the set was written
 * (docs/benchmarks.md); a rules change that lowers it fails here.
 */
class AnalystEvaluationTest {

    private static final Logger LOG = LoggerFactory.getLogger(AnalystEvaluationTest.class);
    static final double MEASURED_ACCURACY = 22.0 / 23;

    @Test
    void ruleBasedAnalystCategorisesTheEvaluationSet() throws Exception {
        RuleBasedAnalyst analyst = new RuleBasedAnalyst(RuleBasedAnalyst.loadRules("config/analyst-rules.yaml"),
                ActionCatalog.load(Path.of("playbooks/catalog.yaml")));
        List<EvaluationSet.Case> cases;
        try (InputStream in = getClass().getResourceAsStream("/llm-eval/incidents.yaml")) {
            cases = EvaluationSet.load(in);
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        int correct = 0;
        List<String> misses = new ArrayList<>();
        for (EvaluationSet.Case c : cases) {
            RuleBasedAnalyst.Outcome outcome = analyst.analyze(c.evidence());
            if (outcome.category().equals(c.expected())) {
                correct++;
            } else {
                misses.add(c.name() + ": expected " + c.expected() + ", got " + outcome.category() + " (rule " + outcome.ruleId() + ")");
            }
        }
        double accuracy = (double) correct / cases.size();
        LOG.info("rule-based analyst: {}/{} correct ({}); misses: {}", correct, cases.size(), accuracy, misses);
        assertThat(accuracy).as("misses: %s", misses).isGreaterThanOrEqualTo(MEASURED_ACCURACY);
    }

    @Test
    void freeTextRootCausesAreCategorisedByTheirWords() {
        assertThat(EvaluationSet.categorise("The checkout service cannot reach its database: connection refused")).isEqualTo("dependency");
        assertThat(EvaluationSet.categorise("The container was OOM killed")).isEqualTo("resources");
        assertThat(EvaluationSet.categorise("Responses are slow because of saturation")).isEqualTo("performance");
        assertThat(EvaluationSet.categorise("The process crashed and is down")).isEqualTo("availability");
        assertThat(EvaluationSet.categorise("A NullPointerException after the last deploy")).isEqualTo("application");
        assertThat(EvaluationSet.categorise("The TLS certificate of the ingress expired")).isEqualTo("security");
        assertThat(EvaluationSet.categorise("A bad config value after the ConfigMap edit")).isEqualTo("configuration");
        assertThat(EvaluationSet.categorise("Nothing conclusive")).isEqualTo("unknown");
    }
}
