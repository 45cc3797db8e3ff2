package io.aiopshub.rca.llm;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aiops.llm.prices.<model>.input / .output}: USD per 1,000 tokens, for the cost estimate stored
 * with each analysis. A model without a price (a local one) costs 0.
 */
@ConfigurationProperties(prefix = "aiops.llm")
public class LlmPrices {

    /** Price per 1,000 tokens. */
    public record Price(double input, double output) { }

    private Map<String, Price> prices = new HashMap<>();

    public Map<String, Price> getPrices() { return prices; }
    public void setPrices(Map<String, Price> prices) { this.prices = prices; }

    public double cost(String model, int tokensIn, int tokensOut) {
        Price price = prices.get(model);
        return price == null ? 0 : (tokensIn * price.input() + tokensOut * price.output()) / 1000.0;
    }
}
