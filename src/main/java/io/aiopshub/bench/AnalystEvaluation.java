package io.aiopshub.bench;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.aiopshub.AiopsHubApplication;
import io.aiopshub.rca.llm.LlmAnalyst;
import io.aiopshub.rca.rules.RuleBasedAnalyst;

/**
 * {@code bench/llm-eval.sh [set.yaml]}: scores the rule-based analyst on the evaluation set and, when a
 * provider is configured (AIOPS_LLM_OPENAI_BASE_URL / AIOPS_LLM_OLLAMA_BASE_URL, as for the hub), the
 * LLM chain too (the category its answer names).
 * Last line: {@code rule-based <accuracy> llm <accuracy|n/a>}.
 */
public final class AnalystEvaluation {

    private AnalystEvaluation() { }

    public static void main(String[] args) throws Exception {
        Path set = Path.of(args.length > 0 ? args[0] : "src/test/resources/llm-eval/incidents.yaml");
        List<EvaluationSet.Case> cases;
        try (InputStream in = Files.newInputStream(set)) {
            cases = EvaluationSet.load(in);
        }
        PrintStream out = System.out;
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(AiopsHubApplication.class)
                .web(WebApplicationType.NONE).run("--spring.datasource.url=jdbc:h2:mem:evaluation",
                        "--camel.main.routes-include-pattern=classpath:no-routes-for-evaluation/*.yaml",
                        "--logging.level.root=WARN")) {
            RuleBasedAnalyst rules = hub.getBean(RuleBasedAnalyst.class);
            LlmAnalyst llm = hub.getBean(LlmAnalyst.class);
            int rulesCorrect = 0;
            int llmCorrect = 0;
            out.printf("%-40s %-12s %-12s %-12s%n", "incident", "expected", "rule-based", "llm");
            for (EvaluationSet.Case c : cases) {
                String byRules = rules.analyze(c.evidence()).category();
                String byLlm = "n/a";
                if (llm.hasProviders()) {
                    LlmAnalyst.LlmOutcome outcome = llm.analyze(c.evidence());
                    byLlm = outcome == null ? "failed" : outcome.result().category();
                }
                rulesCorrect += byRules.equals(c.expected()) ? 1 : 0;
                llmCorrect += byLlm.equals(c.expected()) ? 1 : 0;
                out.printf("%-40s %-12s %-12s %-12s%n", c.name(), c.expected(), byRules, byLlm);
            }
            out.printf("rule-based %.3f llm %s%n", (double) rulesCorrect / cases.size(),
                    llm.hasProviders() ? String.format("%.3f", (double) llmCorrect / cases.size()) : "n/a");
        }
    }
}
