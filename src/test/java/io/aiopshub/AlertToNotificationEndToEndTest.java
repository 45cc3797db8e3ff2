package io.aiopshub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.aiopshub.support.Payloads;

/**
 * The whole hub with its real loops: an Alertmanager webhook makes one incident, one Telegram message
 * and one PagerDuty trigger; five more deliveries of the same payload make nothing more; the resolved
 * payload makes a resolution message and a PagerDuty resolve with the same dedup key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:e2e;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=e2e-token",
        "aiops.routing.file=src/test/resources/e2e-alert-routing.yaml",
        "aiops.routing.dispatch-interval=200ms",
        "aiops.notify.poll-interval=100",
        "aiops.channels.telegram.chat-id=4242"})
class AlertToNotificationEndToEndTest {

    static final String BOT = "777000:e2e-bot";
    static final WireMockServer WIREMOCK = new WireMockServer(options().dynamicPort());

    static {
        WIREMOCK.start();
        WIREMOCK.stubFor(post(urlEqualTo("/bot" + BOT + "/sendMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"result\":{\"message_id\":7,\"date\":0,\"chat\":{\"id\":4242,\"type\":\"group\"},\"text\":\"x\"}}")));
        WIREMOCK.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)
                .withBody("{\"status\":\"success\"}")));
    }

    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        registry.add("aiops.channels.telegram.base-url", WIREMOCK::baseUrl);
        registry.add("aiops.channels.telegram.bot-token", () -> BOT);
        registry.add("aiops.channels.pagerduty.url", () -> WIREMOCK.baseUrl() + "/v2/enqueue");
        registry.add("aiops.channels.pagerduty.routing-key", () -> "E2EROUTING000000000000000000000");
    }

    @AfterAll
    static void stop() {
        WIREMOCK.stop();
    }

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void firingRepeatsAndResolution() throws Exception {
        Map<String, String> labels = Map.of("alertname", "ApiDown", "service", "checkout", "severity", "critical",
                "instance", "10.1.2.3:8080");
        Instant start = Instant.now().minusSeconds(120);
        String firing = Payloads.alertmanager("firing", start, null, labels, "checkout API <down> & out");

        assertThat(deliver(firing)).isEqualTo(202);
        List<LoggedRequest> telegram = await().atMost(Duration.ofSeconds(20)).until(this::telegram, r -> r.size() == 1);
        List<LoggedRequest> pagerDuty = await().atMost(Duration.ofSeconds(20)).until(this::pagerDuty, r -> r.size() == 1);
        assertThat(jdbc.queryForObject("select count(*) from incidents", Long.class)).isEqualTo(1);
        String incidentId = jdbc.queryForObject("select id from incidents", String.class);
        JsonNode trigger = json.readTree(pagerDuty.get(0).getBodyAsString());
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.path("dedup_key").asText()).isEqualTo("aiops-" + incidentId);
        assertThat(json.readTree(telegram.get(0).getBodyAsString()).path("text").asText())
                .startsWith("<b>[CRITICAL] FIRING: ApiDown: checkout API &lt;down&gt; &amp; out</b>");

        for (int i = 0; i < 5; i++) {
            assertThat(deliver(firing)).isEqualTo(202);
        }
        // Several group_interval (1 s) cycles: still exactly one of each, and one incident.
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> true);
        assertThat(telegram()).hasSize(1);
        assertThat(pagerDuty()).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from incidents", Long.class)).isEqualTo(1);

        String resolved = Payloads.alertmanager("resolved", start, Instant.now(), labels, "checkout API <down> & out");
        assertThat(deliver(resolved)).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> pagerDuty().size() == 2 && telegram().size() == 2);
        JsonNode resolve = json.readTree(pagerDuty().get(1).getBodyAsString());
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo("aiops-" + incidentId);
        assertThat(json.readTree(telegram().get(1).getBodyAsString()).path("text").asText())
                .startsWith("<b>[CRITICAL] RESOLVED: ApiDown");
        await().atMost(Duration.ofSeconds(5)).until(() -> "resolved".equals(
                jdbc.queryForObject("select status from incidents where id = ?", String.class, incidentId)));
    }

    private List<LoggedRequest> telegram() {
        return WIREMOCK.findAll(postRequestedFor(urlEqualTo("/bot" + BOT + "/sendMessage")));
    }

    private List<LoggedRequest> pagerDuty() {
        return WIREMOCK.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")));
    }

    private int deliver(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("e2e-token");
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/v1/alerts/alertmanager", new HttpEntity<>(body, headers), String.class)
                .getStatusCode().value();
    }
}
