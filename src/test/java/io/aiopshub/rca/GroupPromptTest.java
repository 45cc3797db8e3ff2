package io.aiopshub.rca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.aiopshub.rca.group.ChangeEvent;
import io.aiopshub.rca.group.CorrelationGroup;
import io.aiopshub.rca.group.GroupContext;
import io.aiopshub.rca.group.RootCandidate;
import io.aiopshub.rca.llm.PromptBuilder;
import io.aiopshub.rca.rules.IncidentEvidence;
import io.aiopshub.redact.Redactor;
import io.aiopshub.remediation.catalog.ActionCatalog;

/** The LLM sees the incident's correlated group: members, root candidates, changes, group log templates, topology. */
class GroupPromptTest {

    private static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");
    private final ActionCatalog catalog = ActionCatalog.load(Path.of("playbooks/catalog.yaml"));

    private IncidentEvidence symptom() {
        GroupContext group = new GroupContext(new CorrelationGroup("g1", "i2", List.of(
                new CorrelationGroup.Member("i1", "checkout", "app-1", "HighErrorRate: 5xx above 5%", "critical", T0.plusSeconds(60),
                        CorrelationGroup.Role.SYMPTOM),
                new CorrelationGroup.Member("i2", "postgres", "db-1", "PostgresqlDown: down", "critical", T0,
                        CorrelationGroup.Role.ROOT))),
                List.of(new RootCandidate("postgres", 0.9, List.of("started first", "checkout depends on it"))),
                List.of(new IncidentEvidence.TemplateEvidence("postgres", "T7", "could not write to file <*>: No space left on device", 41)),
                List.of(new ChangeEvent("c1", "postgres", "db-1", "config", "max_wal_size raised, token=abc123def456ghi789", T0, Map.of())),
                Map.of("checkout", Set.of("postgres", "redis")));
        return new IncidentEvidence("i1", "HighErrorRate: 5xx above 5%", "critical",
                List.of(new IncidentEvidence.AlertEvidence("fp1", "firing", Map.of("alertname", "HighErrorRate", "service", "checkout"))),
                List.of()).withGroup(group);
    }

    @Test
    void thePromptCarriesTheGroupRedacted() {
        String prompt = new PromptBuilder(new Redactor(), catalog, 100_000).build(symptom());
        assertThat(prompt).contains("name as root_service the ONE service where the fault lies, one of: postgres, checkout")
                .contains("Group member i2 [root] service postgres, host db-1, started 2026-11-29T04:00:00Z: PostgresqlDown: down")
                .contains("Root candidate postgres (score 0.90): started first; checkout depends on it")
                .contains("Change c1 at 2026-11-29T04:00:00Z: config of service postgres, host db-1: max_wal_size raised")
                .contains("Log template T7 of postgres, 41 lines: could not write to file <*>: No space left on device")
                .contains("Topology: checkout depends on postgres, redis")
                .contains("\"root_service\"").contains("\"configuration\", \"security\"")
                .doesNotContain("abc123def456ghi789");
    }

    @Test
    void aSmallBudgetDropsWholeGroupItemsNotTheInstructions() {
        int whole = new PromptBuilder(new Redactor(), catalog, 100_000).build(symptom()).length();
        int budget = whole / 4 - 60;
        String prompt = new PromptBuilder(new Redactor(), catalog, budget).build(symptom());
        assertThat(prompt.length()).isLessThanOrEqualTo(budget * 4 + 100);
        assertThat(prompt).contains("one of: postgres, checkout").contains("lower-priority items left out");
    }
}
