package io.aiopshub.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.RequestEntity;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * What happens when a receiver misbehaves: the per-channel breaker opens and stops calling it, a
 * half-open probe closes it again once the receiver recovers; a receiver that never recovers turns
 * a notification into a dead letter after growing retry delays.
 */
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:channel-resilience;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "aiops.notify.poll-interval=100",
        "aiops.notify.max-attempts=4",
        "aiops.notify.initial-backoff=200ms",
        "aiops.notify.max-backoff=2s",
        "aiops.notify.breaker-open-delay=300ms",
        "aiops.notify.breaker.minimum-number-of-calls=3",
        "aiops.notify.breaker.sliding-window-size=3",
        "aiops.notify.breaker.failure-rate-threshold=100",
        "aiops.notify.breaker.wait-duration-in-open-state=3s",
        "aiops.notify.breaker.permitted-number-of-calls-in-half-open-state=1"})
class ChannelResilienceTest {

    static final WireMockServer WIREMOCK = new WireMockServer(options().dynamicPort());

    static {
        WIREMOCK.start();
    }

    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        registry.add("aiops.channels.webhook.url", () -> WIREMOCK.baseUrl() + "/hook");
        registry.add("aiops.channels.pagerduty.url", () -> WIREMOCK.baseUrl() + "/v2/enqueue");
        registry.add("aiops.channels.pagerduty.routing-key", () -> "R0UTING0000000000000000000000000");
    }

    @AfterAll
    static void stop() {
        WIREMOCK.stop();
    }

    @Autowired NotificationOutbox outbox;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestRestTemplate http;
    @Autowired @Qualifier("webhookBreaker") CircuitBreaker webhookBreaker;

    @org.junit.jupiter.api.BeforeEach
    void incident() {
        io.aiopshub.support.TestIncidents.ensure(jdbc, "inc-42");
    }

    @Test
    void breakerOpensStopsCallingThenRecoversThroughHalfOpen() {
        WIREMOCK.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 5; i++) {
            outbox.enqueue(ChannelDeliveryTest.message(NotificationMessage.Kind.TRIGGER, "warning", null), List.of("webhook"));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> webhookBreaker.getState() == CircuitBreaker.State.OPEN);
        int callsWhenOpened = WIREMOCK.findAll(postRequestedFor(urlEqualTo("/hook"))).size();
        assertThat(callsWhenOpened).isEqualTo(3);

        // While open: notifications keep coming due (breaker-open-delay) but no call reaches the receiver,
        // and a refused call costs no attempt.
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(webhookBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(WIREMOCK.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(callsWhenOpened);
        assertThat(jdbc.queryForObject("select max(attempts) from notifications where channel = 'webhook'", Integer.class))
                .isLessThanOrEqualTo(2);
        assertThat(gauge()).contains("aiops_notify_breaker_state{application=\"aiops-hub\",channel=\"webhook\"} 1.0");

        // The receiver recovers; after the wait the half-open probe succeeds and the breaker closes.
        WIREMOCK.resetAll();
        WIREMOCK.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
        await().atMost(Duration.ofSeconds(15)).until(() -> webhookBreaker.getState() == CircuitBreaker.State.CLOSED);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from notifications where channel = 'webhook' and status = 'SENT'", Long.class) == 5);
        assertThat(gauge()).contains("aiops_notify_breaker_state{application=\"aiops-hub\",channel=\"webhook\"} 0.0");
    }

    @Test
    void aReceiverThatNeverRecoversMakesADeadLetterAfterGrowingDelays() {
        WIREMOCK.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(503).withBody("overloaded")));
        long id = outbox.enqueue(ChannelDeliveryTest.message(NotificationMessage.Kind.TRIGGER, "critical", null),
                List.of("pagerduty")).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DEAD".equals(jdbc.queryForObject(
                "select status from notifications where id = ?", String.class, id)));
        var attempts = WIREMOCK.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")));
        assertThat(attempts).hasSize(4);
        long first = attempts.get(1).getLoggedDate().getTime() - attempts.get(0).getLoggedDate().getTime();
        long last = attempts.get(3).getLoggedDate().getTime() - attempts.get(2).getLoggedDate().getTime();
        assertThat(last).as("backoff grows (200ms, 400ms, 800ms)").isGreaterThan(first);

        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        String failed = http.exchange("/api/v1/notifications/failed", HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
        assertThat(failed).contains("\"id\":" + id).contains("\"channel\":\"pagerduty\"").contains("\"attempts\":4")
                .contains("statusCode: 503");
    }

    @Test
    void secretsAreScrubbedFromRecordedErrors(@Autowired NotificationDelivery delivery) {
        assertThat(delivery.scrub("POST https://events.example/?k=R0UTING0000000000000000000000000 failed"))
                .isEqualTo("POST https://events.example/?k=**** failed");
    }

    private String gauge() {
        return http.exchange(RequestEntity.get("/actuator/prometheus")
                .header("Authorization", "Bearer test-token").build(), String.class).getBody();
    }
}
