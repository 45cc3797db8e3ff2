package io.aiopshub.chat.question;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.aiopshub.analysis.metrics.PrometheusProperties;
import io.aiopshub.analysis.metrics.PrometheusResponse;
import io.aiopshub.analysis.metrics.Sample;

/**
 * One instant PromQL query against the Prometheus the metric rules use ({@code aiops.prometheus.*}), through
 * camel-http as they do. Prometheus' query API only reads; the expression and the answer are bounded.
 */
@Component
public class MetricTools implements QuestionTool {

    static final String PROMETHEUS_TIMEOUT = "10s";

    private final ProducerTemplate producer;
    private final PrometheusProperties prometheus;
    private final QuestionProperties properties;
    private final ObjectMapper json;

    public MetricTools(ProducerTemplate producer, PrometheusProperties prometheus, QuestionProperties properties,
                       ObjectMapper json) {
        this.producer = producer;
        this.prometheus = prometheus;
        this.properties = properties;
        this.json = json;
    }

    @Tool(name = "promql_query", value = "Evaluates one PromQL expression at the current time (an instant query) and "
            + "returns the series with their labels and values, e.g. up{job=\"checkout\"} or rate(http_requests_total[5m]).")
    public String promqlQuery(@P("the PromQL expression") String query) {
        if (!prometheus.isEnabled()) {
            return "error: no Prometheus is configured for this hub";
        }
        if (query == null || query.isBlank()) {
            return "error: give a PromQL expression";
        }
        if (query.length() > properties.getMaxPromqlLength()) {
            return "error: the expression is longer than " + properties.getMaxPromqlLength() + " characters";
        }
        Exchange answer = producer.request(prometheus.getBaseUrl() + "/api/v1/query?throwExceptionOnFailure=false", e -> {
            e.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
            // Prometheus stops an expensive expression itself after this, well within the question's time.
            e.getIn().setHeader(Exchange.HTTP_QUERY, "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                    + "&timeout=" + PROMETHEUS_TIMEOUT);
            e.getIn().setBody("");
        });
        if (answer.getException() != null) {
            return "error: Prometheus did not answer (" + answer.getException().getClass().getSimpleName() + ")";
        }
        try {
            JsonNode root = json.readTree(answer.getMessage().getBody(String.class));
            List<Sample> samples = PrometheusResponse.samples(root);
            int max = properties.getMaxPromqlSeries();
            StringBuilder text = new StringBuilder(samples.size() + " series" + (samples.size() > max ? " (first " + max + ")" : "") + ":");
            samples.stream().limit(max).forEach(s -> text.append("\n- ").append(s.labels()).append(" = ").append(s.value()));
            return text.toString();
        } catch (IllegalStateException e) {
            return "error: " + e.getMessage();
        } catch (java.io.IOException | RuntimeException e) {
            return "error: Prometheus answered something that is not a query result";
        }
    }
}
