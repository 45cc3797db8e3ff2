package io.aiopshub.rca.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.rca.analysis.AnalysisOutputParser;
import io.aiopshub.rca.analysis.AnalysisResult;
import io.aiopshub.rca.analysis.DroppedAction;
import io.aiopshub.rca.analysis.ParseOutcome;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.redact.Redactor;
import io.aiopshub.rca.rules.EvidenceServices;
import io.aiopshub.rca.rules.IncidentEvidence;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The LLM part of the analysis chain: the primary (OpenAI-compatible) provider, then the secondary
 * (Ollama), each behind its own circuit breaker, called through camel-langchain4j-chat. An answer must
 * parse against the analysis schema; an invalid one gets one repair request quoting the problems.
 * Returns null when no provider gave a valid answer: the caller then uses the rule-based analyst.
 */
@Component
public class LlmAnalyst {

    /** A provider in the chain. */
    public record Provider(String name, String model, String endpointUri, CircuitBreaker breaker) { }

    /** A valid analysis and what it cost. */
    public record LlmOutcome(String provider, String model, AnalysisResult result, List<DroppedAction> dropped,
                             String prompt, String response, long latencyMillis, int tokensIn, int tokensOut) { }

    private static final Logger LOG = LoggerFactory.getLogger(LlmAnalyst.class);

    private final ProducerTemplate producer;
    private final AnalysisOutputParser parser;
    private final PromptBuilder prompts;
    private final MeterRegistry meters;
    private final TokenUsageRecorder tokens;
    private final Redactor redactor;
    private final List<Provider> providers = new ArrayList<>();

    public LlmAnalyst(ProducerTemplate producer, ActionCatalog catalog, LlmProperties properties, MeterRegistry meters,
                      TokenUsageRecorder tokens, Redactor redactor) {
        this.producer = producer;
        this.redactor = redactor;
        this.tokens = tokens;
        this.meters = meters;
        this.parser = new AnalysisOutputParser(catalog);
        this.prompts = new PromptBuilder(redactor, catalog, properties.getPromptTokenBudget());
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom().failureRateThreshold(50).minimumNumberOfCalls(3)
                .slidingWindowSize(5).waitDurationInOpenState(properties.getBreakerWaitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(1).build();
        if (present(properties.getOpenai().getBaseUrl())) {
            providers.add(new Provider("openai", properties.getOpenai().getModel(),
                    "langchain4j-chat:openai?chatModel=#openaiChatModel&chatOperation=CHAT_SINGLE_MESSAGE",
                    CircuitBreaker.of("llm-openai", breaker)));
        }
        if (present(properties.getOllama().getBaseUrl())) {
            providers.add(new Provider("ollama", properties.getOllama().getModel(),
                    "langchain4j-chat:ollama?chatModel=#ollamaChatModel&chatOperation=CHAT_SINGLE_MESSAGE",
                    CircuitBreaker.of("llm-ollama", breaker)));
        }
    }

    public boolean hasProviders() {
        return !providers.isEmpty();
    }

    public List<Provider> providers() {
        return providers;
    }

    public LlmOutcome analyze(IncidentEvidence incident) {
        return analyze(incident, List.of(), List.of());
    }

    public LlmOutcome analyze(IncidentEvidence incident, List<io.aiopshub.rca.similar.SimilarIncidents.Match> similar,
                              List<io.aiopshub.rca.similar.Runbooks.Section> runbooks) {
        String prompt = prompts.build(incident, similar, runbooks);
        List<String> services = EvidenceServices.of(incident);
        for (Provider provider : providers) {
            if (!provider.breaker().tryAcquirePermission()) {
                count(provider, "breaker_open");
                continue;
            }
            long start = System.nanoTime();
            tokens.take();
            String response;
            try {
                response = producer.requestBody(provider.endpointUri(), prompt, String.class);
                ParseOutcome outcome = parser.parse(response, services);
                if (outcome instanceof ParseOutcome.Failure failure) {
                    count(provider, "invalid");
                    // The repair instructions quote the model's answer: redacted like the rest of the prompt.
                    String repair = prompt + "\n\nYour answer was not valid: " + redactor.redact(failure.repairInstructions())
                            + "\nAnswer again with only the JSON object.";
                    response = producer.requestBody(provider.endpointUri(), repair, String.class);
                    outcome = parser.parse(response, services);
                }
                long nanos = System.nanoTime() - start;
                provider.breaker().onSuccess(nanos, TimeUnit.NANOSECONDS);
                TokenUsageRecorder.Usage usage = tokens.take();
                if (outcome instanceof ParseOutcome.Success success) {
                    count(provider, "success");
                    // Providers that report no usage get an estimate (characters / 4), so cost is never silently 0.
                    int in = usage.input() > 0 ? usage.input() : prompt.length() / 4;
                    int out = usage.output() > 0 ? usage.output() : response.length() / 4;
                    return new LlmOutcome(provider.name(), provider.model(), success.result(), success.droppedActions(),
                            prompt, redactor.redact(response), TimeUnit.NANOSECONDS.toMillis(nanos), in, out);
                }
                count(provider, "invalid_after_repair");
            } catch (RuntimeException e) {
                provider.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                count(provider, "failure");
                LOG.warn("LLM provider {} failed: {}", provider.name(), e.getMessage());
            }
        }
        return null;
    }

    private void count(Provider provider, String outcome) {
        meters.counter("aiops.llm.calls", "provider", provider.name(), "outcome", outcome).increment();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
