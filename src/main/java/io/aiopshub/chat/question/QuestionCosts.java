package io.aiopshub.chat.question;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.rca.llm.LlmPrices;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What chat questions cost. Tokens go to the analysis' counter {@code aiops.llm.tokens} (provider, direction), so
 * one metric shows the whole LLM spend; the estimated price ({@link LlmPrices}) to {@code aiops.chat.questions.cost}
 * (USD, per provider); answers by kind to {@code aiops.chat.questions} (answered_by llm or keywords). Tokens spent
 * on a question that was then abandoned are counted too: they were paid for.
 */
@Component
public class QuestionCosts {

    private static final Logger LOG = LoggerFactory.getLogger(QuestionCosts.class);

    private final MeterRegistry meters;
    private final LlmPrices prices;

    public QuestionCosts(MeterRegistry meters, LlmPrices prices) {
        this.meters = meters;
        this.prices = prices;
    }

    void answered(LlmAnswer answer) {
        spent(answer.provider(), answer.model(), answer.tokensIn(), answer.tokensOut());
        meters.counter("aiops.chat.questions", "answered_by", "llm").increment();
        LOG.info("Chat question answered by {} ({}): {} tool calls, {} tokens in, {} out, about {} USD, {} ms",
                answer.provider(), answer.model(), answer.toolCalls(), answer.tokensIn(), answer.tokensOut(),
                String.format(java.util.Locale.ROOT, "%.6f", answer.costUsd()), answer.latencyMillis());
    }

    void abandoned(String provider, String model, int tokensIn, int tokensOut) {
        spent(provider, model, tokensIn, tokensOut);
    }

    void keywords() {
        meters.counter("aiops.chat.questions", "answered_by", "keywords").increment();
    }

    private void spent(String provider, String model, int tokensIn, int tokensOut) {
        meters.counter("aiops.llm.tokens", "provider", provider, "direction", "in").increment(tokensIn);
        meters.counter("aiops.llm.tokens", "provider", provider, "direction", "out").increment(tokensOut);
        meters.counter("aiops.chat.questions.cost", "provider", provider).increment(prices.cost(model, tokensIn, tokensOut));
    }
}
