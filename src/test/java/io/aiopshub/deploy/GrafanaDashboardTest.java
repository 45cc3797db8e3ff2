package io.aiopshub.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.aiopshub.support.EmbeddedRedisServer;

/**
 * The Grafana dashboard of the compose stack (deploy/grafana/dashboards/aiops-hub.json) queries only metrics
 * the hub exports: every {@code aiops_*} name in its PromQL appears in {@code /actuator/prometheus} of a hub
 * with Redis (embedded) that has taken an alert, a repeat and a broken request, analysed the alert with an LLM
 * (WireMock as the OpenAI-compatible API) and notified.
 * A renamed metric or a typo in the dashboard fails here instead of showing "No data".
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:dashboard;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "aiops.security.metrics-tokens=scraper:scrape-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.llm.openai.api-key=test-openai-key",
        "aiops.llm.openai.model=gpt-test",
        "aiops.llm.prices.gpt-test.input=0.01",
        "aiops.llm.prices.gpt-test.output=0.03"})
class GrafanaDashboardTest {

    static final WireMockServer OPENAI = new WireMockServer(options().dynamicPort());
    /** A metric name in PromQL: aiops_ followed by name characters, not a label (no '=' after it). */
    static final Pattern METRIC = Pattern.compile("\\b(aiops_[a-z0-9_]+)\\b(?!\\s*=)");

    static {
        OPENAI.start();
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("aiops.llm.openai.base-url", () -> OPENAI.baseUrl() + "/v1");
        // Redis as in the compose stack: its gauges are on the dashboard too.
        registry.add("aiops.redis.url", EmbeddedRedisServer::url);
    }

    @AfterAll
    static void stop() {
        OPENAI.stop();
    }

    @Autowired TestRestTemplate http;

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        Set<String> queried = queriedMetrics();
        assertThat(queried).as("the dashboard's panels query the hub").hasSizeGreaterThan(10);

        OPENAI.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"c1","object":"chat.completion","created":1764000000,"model":"gpt-test",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"{\\"summary\\":\\"checkout is down\\",\
                        \\"root_cause\\":\\"its database refuses connections\\",\\"severity\\":\\"critical\\",\\"confidence\\":0.7,\
                        \\"category\\":\\"availability\\",\\"root_service\\":\\"checkout\\",\\"evidence\\":[],\\"suggested_actions\\":[]}"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150}}""")));
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        headers.setContentType(MediaType.APPLICATION_JSON);
        String alert = """
                {"source":"test","severity":"critical","labels":{"alertname":"CheckoutDown","service":"checkout"},
                 "annotations":{"summary":"checkout answers 503"}}""";
        assertThat(http.postForEntity("/api/v1/events", new HttpEntity<>(alert, headers), String.class)
                .getStatusCode().value()).isEqualTo(202);
        assertThat(http.postForEntity("/api/v1/events", new HttpEntity<>(alert, headers), String.class)
                .getStatusCode().value()).as("a repeat, counted as deduplicated").isEqualTo(202);
        assertThat(http.postForEntity("/api/v1/events", new HttpEntity<>("{\"labels\":", headers), String.class)
                .getStatusCode().value()).as("a broken body, counted as rejected").isEqualTo(400);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(exported()).containsAll(queried));
    }

    private Set<String> queriedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("deploy/grafana/dashboards/aiops-hub.json")));
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** Sample names in the scrape, with the name families a histogram or timer exports. */
    private Set<String> exported() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("scrape-token");
        var response = http.exchange("/actuator/prometheus", HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(response.getStatusCode().value()).as("scrape with the metrics token: %s", response.getBody()).isEqualTo(200);
        String body = response.getBody();
        Set<String> names = new TreeSet<>();
        for (String line : body == null ? new String[0] : body.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
