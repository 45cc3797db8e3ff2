package io.aiopshub.analysis.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The metric-rules route against a fake Prometheus HTTP API: the exact instant query is sent, a series
 * above the threshold goes pending, fires after {@code for} and opens an incident with the rule's
 * labels and rendered annotation; when the series disappears the incident resolves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:metric-rules;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.prometheus.enabled=true",
        "aiops.prometheus.rules-dir=src/test/resources/prom-rules"})
class MetricRulesRouteTest {

    static final WireMockServer PROMETHEUS = new WireMockServer(options().dynamicPort());

    static {
        PROMETHEUS.start();
    }

    @DynamicPropertySource
    static void prometheus(DynamicPropertyRegistry registry) {
        registry.add("aiops.prometheus.base-url", PROMETHEUS::baseUrl);
    }

    @AfterAll
    static void stop() {
        PROMETHEUS.stop();
    }

    @Autowired JdbcTemplate jdbc;

    @Test
    void seriesAboveThresholdFiresAfterForAndResolvesWhenGone() {
        PROMETHEUS.stubFor(get(urlPathEqualTo("/api/v1/query_range")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status":"success","data":{"resultType":"matrix","result":[
                          {"metric":{"job":"broker","queue":"orders"},"values":[[1764000000,"90"],[1764000030,"250"]]}]}}""")));
        PROMETHEUS.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status":"success","data":{"resultType":"vector","result":[
                          {"metric":{"__name__":"queue_length","job":"broker","queue":"orders"},"value":[1764000000,"250"]}]}}""")));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from incidents", Long.class) == 1);
        assertThat(PROMETHEUS.findAll(getRequestedFor(urlPathEqualTo("/api/v1/query"))
                .withQueryParam("query", equalTo("queue_length > 100")))).as("pending, then firing after for: 2s").hasSizeGreaterThanOrEqualTo(2);
        assertThat(PROMETHEUS.findAll(getRequestedFor(urlPathEqualTo("/api/v1/query"))).get(0).queryParameter("time")
                .firstValue()).matches("\\d{10}");
        assertThat(jdbc.queryForObject("select title from incidents", String.class))
                .isEqualTo("QueueTooLong: queue orders holds 250 messages");
        assertThat(jdbc.queryForObject("select labels_json from alerts", String.class))
                .contains("\"alertname\":\"QueueTooLong\"").contains("\"queue\":\"orders\"").contains("\"team\":\"payments\"")
                .doesNotContain("__name__");

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from incident_metric_context", Long.class) == 1);
        assertThat(jdbc.queryForObject("select series_json from incident_metric_context", String.class))
                .contains("\"queue\":\"orders\"").contains("[1764000030,\"250\"]");
        var range = PROMETHEUS.findAll(getRequestedFor(urlPathEqualTo("/api/v1/query_range"))).get(0);
        assertThat(range.queryParameter("query").firstValue()).isEqualTo("queue_length > 100");
        assertThat(range.queryParameter("step").firstValue()).isEqualTo("30");
        assertThat(Long.parseLong(range.queryParameter("end").firstValue()) - Long.parseLong(range.queryParameter("start").firstValue()))
                .as("from 30 minutes before the series became active").isGreaterThanOrEqualTo(1800);

        PROMETHEUS.resetAll();
        PROMETHEUS.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")));
        await().atMost(Duration.ofSeconds(20)).until(() -> "resolved".equals(
                jdbc.queryForObject("select status from incidents", String.class)));
    }
}
