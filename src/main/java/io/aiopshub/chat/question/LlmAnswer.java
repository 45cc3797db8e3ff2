package io.aiopshub.chat.question;

/**
 * What the model answered to a question, and what it cost.
 *
 * @param proposal null when the model suggested no action
 */
public record LlmAnswer(String provider, String model, String answer, ProposedAction proposal, int toolCalls,
                        int tokensIn, int tokensOut, double costUsd, long latencyMillis) { }
