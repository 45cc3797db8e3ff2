package io.aiopshub.rca.rules;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import io.aiopshub.remediation.catalog.ActionCatalog;

class RuleBasedAnalystTest {

    private final RuleBasedAnalyst analyst;

    RuleBasedAnalystTest() throws Exception {
        analyst = new RuleBasedAnalyst(RuleBasedAnalyst.loadRules("config/analyst-rules.yaml"),
                ActionCatalog.load(Path.of("playbooks/catalog.yaml")));
    }

    @Test
    void serviceDownSuggestsARestartFilledFromTheLabels() {
        RuleBasedAnalyst.Outcome outcome = analyst.analyze(incident(
                Map.of("alertname", "ServiceDown", "service", "checkout", "instance", "app-3.example:8080"), List.of()));
        assertThat(outcome.ruleId()).isEqualTo("service-down");
        assertThat(outcome.result().summary()).isEqualTo("checkout is not reachable");
        assertThat(outcome.result().severity()).isEqualTo("critical");
        assertThat(outcome.result().suggestedActions()).singleElement().satisfies(a -> {
            assertThat(a.actionId()).isEqualTo("restart_service");
            assertThat(a.parameters()).containsEntry("host", "app-3.example").containsEntry("service", "checkout");
        });
        assertThat(outcome.result().evidence()).extracting(e -> e.kind()).containsExactly("alert");
    }

    @Test
    void templateEvidenceSelectsTheDependencyRule() {
        RuleBasedAnalyst.Outcome outcome = analyst.analyze(incident(Map.of("alertname", "NewErrorLogTemplate", "service", "api"),
                List.of(new IncidentEvidence.TemplateEvidence("api", "T3", "payment <*> failed: connection refused to <*>", 12))));
        assertThat(outcome.ruleId()).isEqualTo("dependency-unreachable");
        assertThat(outcome.result().evidence()).extracting(e -> e.ref()).contains("T3");
        RuleBasedAnalyst.Outcome plain = analyst.analyze(incident(Map.of("alertname", "NewErrorLogTemplate", "service", "api"),
                List.of(new IncidentEvidence.TemplateEvidence("api", "T4", "null pointer in <*>", 2))));
        assertThat(plain.ruleId()).isEqualTo("new-error-pattern");
    }

    @Test
    void actionsWithMissingParametersAreDroppedAndAnythingElseGetsTheFallback() {
        RuleBasedAnalyst.Outcome noHost = analyst.analyze(incident(Map.of("alertname", "ServiceDown", "service", "checkout"), List.of()));
        assertThat(noHost.result().suggestedActions()).as("no host to restart on").isEmpty();
        RuleBasedAnalyst.Outcome fallback = analyst.analyze(incident(Map.of("alertname", "Weird"), List.of()));
        assertThat(fallback.ruleId()).isEqualTo("fallback");
        assertThat(fallback.result().summary()).isEqualTo("Weird needs a look");
    }

    @Test
    @Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
    void ruleRegexesRunInLinearTime(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - id: label-bomb
                    labels: ['service=~"((a+)*)+b"']
                    summary: never
                  - id: template-bomb
                    templates: '((a+)*)+b'
                    summary: never
                  - id: fallback
                    summary: "{{alertname}} needs a look"
                """);
        RuleBasedAnalyst bombs = new RuleBasedAnalyst(RuleBasedAnalyst.loadRules(rules.toString()),
                ActionCatalog.load(Path.of("playbooks/catalog.yaml")));
        String aaa = "a".repeat(40);
        RuleBasedAnalyst.Outcome outcome = bombs.analyze(incident(Map.of("alertname", "X", "service", aaa),
                List.of(new IncidentEvidence.TemplateEvidence("api", "T1", aaa, 1))));
        assertThat(outcome.ruleId()).isEqualTo("fallback");
    }

    @Test
    void aBadRuleRegexFailsTheLoadNamingTheRule(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  - id: lookbehind\n    templates: '(?<=x)y'\n    summary: s\n");
        assertThatThrownBy(() -> RuleBasedAnalyst.loadRules(rules.toString()))
                .hasMessageContaining("rule 'lookbehind' templates").hasMessageContaining("RE2");
        Files.writeString(rules, "rules:\n  - id: huge\n    labels: ['a=~\"(b{1000}){1000}\"']\n    summary: s\n");
        assertThatThrownBy(() -> RuleBasedAnalyst.loadRules(rules.toString()))
                .hasMessageContaining("rule 'huge' labels[0]").hasMessageContaining("too complex");
    }

    private static IncidentEvidence incident(Map<String, String> labels, List<IncidentEvidence.TemplateEvidence> templates) {
        return new IncidentEvidence("i1", "t", "warning",
                List.of(new IncidentEvidence.AlertEvidence("fp1", "firing", labels)), templates);
    }
}
