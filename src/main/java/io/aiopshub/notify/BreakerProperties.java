package io.aiopshub.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The per-channel circuit breaker, {@code aiops.notify.breaker.*}; the same settings for every channel. */
@ConfigurationProperties(prefix = "aiops.notify.breaker")
public record BreakerProperties(
        /* Failure percentage that opens the breaker. */
        Float failureRateThreshold,
        /* Calls recorded before the failure rate is judged. */
        Integer minimumNumberOfCalls,
        /* Size of the count-based window of recorded calls. */
        Integer slidingWindowSize,
        /* How long an open breaker refuses calls before it lets probes through (half-open). */
        Duration waitDurationInOpenState,
        /* Probe calls in half-open; all must succeed to close again. */
        Integer permittedNumberOfCallsInHalfOpenState) {

    public BreakerProperties {
        failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
        minimumNumberOfCalls = minimumNumberOfCalls == null ? 5 : minimumNumberOfCalls;
        slidingWindowSize = slidingWindowSize == null ? 10 : slidingWindowSize;
        waitDurationInOpenState = waitDurationInOpenState == null ? Duration.ofSeconds(30) : waitDurationInOpenState;
        permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState == null ? 1 : permittedNumberOfCallsInHalfOpenState;
    }
}
