package io.aiopshub.rca.llm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aiops.llm.*}: the LLM providers of the analysis chain (primary OpenAI-compatible, secondary
 * Ollama, then the rule-based analyst). A provider without a base URL is not in the chain; with none,
 * the rule-based analyst alone runs.
 */
@ConfigurationProperties(prefix = "aiops.llm")
public class LlmProperties {

    private final OpenAi openai = new OpenAi();
    private final Ollama ollama = new Ollama();
    /** Per call. */
    private Duration timeout = Duration.ofSeconds(30);
    /** Upper bound of the answer. */
    private int maxTokens = 800;
    /** How long a provider's open breaker refuses calls before a half-open probe. */
    private Duration breakerWaitInOpenState = Duration.ofSeconds(60);
    /** Prompt budget in tokens (estimated as characters / 4); lower-priority evidence is dropped first. */
    private int promptTokenBudget = 3000;
    /**
     * How long an analysed incident that keeps gaining alerts or log templates waits before it is looked at
     * again. A new incident is analysed at the loop's next run, and so is a raised severity or a changed
     * correlated group; one that gains alerts every second during a storm is re-checked (its evidence
     * loaded, its signature compared) once per interval instead of at every run of the loop.
     */
    private Duration recheckInterval = Duration.ofSeconds(10);

    public Duration getBreakerWaitInOpenState() { return breakerWaitInOpenState; }
    public void setBreakerWaitInOpenState(Duration breakerWaitInOpenState) { this.breakerWaitInOpenState = breakerWaitInOpenState; }
    public OpenAi getOpenai() { return openai; }
    public Ollama getOllama() { return ollama; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
    public int getMaxTokens() { return maxTokens; }
    public void setMaxTokens(int maxTokens) { this.maxTokens = maxTokens; }
    public Duration getRecheckInterval() { return recheckInterval; }
    public void setRecheckInterval(Duration recheckInterval) { this.recheckInterval = recheckInterval; }
    public int getPromptTokenBudget() { return promptTokenBudget; }
    public void setPromptTokenBudget(int promptTokenBudget) { this.promptTokenBudget = promptTokenBudget; }

    public static class OpenAi {
        /** OpenAI, vLLM, LiteLLM or llama.cpp server, e.g. https://api.openai.com/v1. */
        private String baseUrl;
        /** (secret) */
        private String apiKey;
        private String model = "gpt-4o-mini";

        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public String getApiKey() { return apiKey; }
        public void setApiKey(String apiKey) { this.apiKey = apiKey; }
        public String getModel() { return model; }
        public void setModel(String model) { this.model = model; }
    }

    public static class Ollama {
        /** e.g. http://localhost:11434. */
        private String baseUrl;
        private String model = "llama3.1";

        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public String getModel() { return model; }
        public void setModel(String model) { this.model = model; }
    }
}
