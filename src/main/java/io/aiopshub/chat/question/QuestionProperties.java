package io.aiopshub.chat.question;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aiops.chat.questions.*}: chat messages that are not commands, answered by the LLM chain with read-only
 * tools ({@code aiops.llm.*} providers), or from the hub's own data by keywords when there is none.
 */
@ConfigurationProperties(prefix = "aiops.chat.questions")
public class QuestionProperties {

    /** Tool calls one question may make; further calls the model asks for are answered "not run". */
    private int maxToolCalls = 5;
    /** Tokens (in + out, over all calls of one question) after which the LLM answer is abandoned. */
    private int maxTokens = 12_000;
    /** Longest time one question may spend with the LLM, tool calls included (each call also has aiops.llm.timeout). */
    private Duration timeout = Duration.ofSeconds(60);
    /** Characters of one tool result sent to the model; longer results are cut with a note. */
    private int maxToolResultLength = 4000;
    /** Longest PromQL expression the promql_query tool accepts. */
    private int maxPromqlLength = 500;
    /** Series of a PromQL answer passed on to the model. */
    private int maxPromqlSeries = 20;

    public int getMaxToolCalls() { return maxToolCalls; }
    public void setMaxToolCalls(int maxToolCalls) { this.maxToolCalls = maxToolCalls; }
    public int getMaxTokens() { return maxTokens; }
    public void setMaxTokens(int maxTokens) { this.maxTokens = maxTokens; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
    public int getMaxToolResultLength() { return maxToolResultLength; }
    public void setMaxToolResultLength(int maxToolResultLength) { this.maxToolResultLength = maxToolResultLength; }
    public int getMaxPromqlLength() { return maxPromqlLength; }
    public void setMaxPromqlLength(int maxPromqlLength) { this.maxPromqlLength = maxPromqlLength; }
    public int getMaxPromqlSeries() { return maxPromqlSeries; }
    public void setMaxPromqlSeries(int maxPromqlSeries) { this.maxPromqlSeries = maxPromqlSeries; }
}
