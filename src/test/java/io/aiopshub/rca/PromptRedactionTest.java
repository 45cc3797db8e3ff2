package io.aiopshub.rca;

import io.aiopshub.rca.llm.PromptBuilder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.rca.rules.IncidentEvidence;
import io.aiopshub.rca.similar.Runbooks;
import io.aiopshub.rca.similar.SimilarIncidents;
import io.aiopshub.redact.Redactor;

/** Every piece of the prompt goes through the redactor: title, labels (by name), templates, examples, metrics, runbooks. */
class PromptRedactionTest {

    private final PromptBuilder prompts = new PromptBuilder(new Redactor(),
            ActionCatalog.load(Path.of("playbooks/catalog.yaml")), 100_000);

    @Test
    void noPieceOfTheEvidenceReachesTheModelWithItsSecret() {
        IncidentEvidence evidence = new IncidentEvidence("i1", "Login fails: password=hunter2", "critical",
                List.of(new IncidentEvidence.AlertEvidence("fp1", "firing",
                        Map.of("alertname", "LoginFails", "db_password", "correct horse battery", "service", "checkout"))),
                List.of(new IncidentEvidence.TemplateEvidence("checkout", "T1", "auth with token=<*> failed", 12,
                        List.of("auth with token=abc123def456ghi789 failed"))),
                List.of(new IncidentEvidence.MetricEvidence("up{job=\"db\"}", "{\"instance\":\"db-1\",\"api_key\":\"k3y with space\"}",
                        0, 1, 0)));

        String prompt = prompts.build(evidence,
                List.of(new SimilarIncidents.Match("i0", "Login fails: Authorization: Bearer s3cr3tBearerToken0123456789", "pw", 0.9)),
                List.of(new Runbooks.Section("db.md", "Rotate", "export PGPASSWORD=rotat3d then restart", 0.8)));

        assertThat(prompt).contains("db_password=[REDACTED:password]").contains("LoginFails").contains("T1")
                .doesNotContain("hunter2").doesNotContain("horse").doesNotContain("battery")
                .doesNotContain("abc123def456ghi789").doesNotContain("with space").doesNotContain("s3cr3tBearerToken")
                .doesNotContain("rotat3d");
    }
}
