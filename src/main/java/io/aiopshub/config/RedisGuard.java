package io.aiopshub.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every Redis call of the hub goes through one circuit breaker, because there is one Redis. A call that
 * finds Redis unavailable (breaker open, connection refused or lost, timeout, an error reply) runs its
 * caller's fallback instead: callers wait at most the command timeout, and while the breaker is open
 * not at all. After the probe interval one call is let through (half-open); when it succeeds the hub
 * uses Redis again. Exported as {@code aiops_redis_degraded} (1 while the breaker is not closed) and
 * {@code aiops_redis_fallbacks_total{use}}.
 */
public class RedisGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RedisGuard.class);

    private final CircuitBreaker breaker;
    private final Duration probeInterval;
    private final MeterRegistry meters;
    private volatile String lastError = "";

    public RedisGuard(Duration probeInterval, MeterRegistry meters) {
        this.probeInterval = probeInterval;
        this.meters = meters;
        this.breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                // Redis down fails every call: three are enough to tell, and each costs a fallback, not an error.
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(probeInterval)
                .permittedNumberOfCallsInHalfOpenState(1)
                // A probe whose outcome was never reported must not keep the breaker half-open for ever.
                .maxWaitDurationInHalfOpenState(probeInterval)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> {
                    if (event.getStateTransition().getFromState() == CircuitBreaker.State.CLOSED) {
                        LOG.warn("Redis is unavailable ({}): running degraded (dedup from the database, log lines "
                                + "refused with 503) and probing it every {}", lastError, probeInterval);
                    }
                }
                case CLOSED -> LOG.info("Redis answers again: leaving degraded mode");
                default -> { }
            }
        });
        Gauge.builder("aiops.redis.degraded", this, guard -> guard.degraded() ? 1 : 0)
                .description("1 while Redis is unavailable and the hub runs degraded").register(meters);
    }

    /**
     * Runs {@code action} against Redis, or {@code fallback} when Redis is unavailable; {@code use} names
     * the caller in the fallback counter (a fixed word, never client input).
     */
    public <T> T call(String use, Supplier<T> action, Supplier<T> fallback) {
        if (!breaker.tryAcquirePermission()) {
            return fallback(use, fallback);
        }
        long start = System.nanoTime();
        try {
            T result = action.get();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException e) {
            if (!isRedisFailure(e)) {
                // Our own bug, not Redis: visible to the caller and not held against Redis.
                breaker.releasePermission();
                throw e;
            }
            lastError = describe(e);
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            LOG.debug("Redis call for {} failed: {}", use, lastError);
            return fallback(use, fallback);
        } catch (Error e) {
            breaker.releasePermission();
            throw e;
        }
    }

    /** Runs {@code action} against Redis; false if Redis was unavailable and it did not happen. */
    public boolean run(String use, Runnable action) {
        return call(use, () -> {
            action.run();
            return true;
        }, () -> false);
    }

    /** True while the breaker is open or half-open: calls are failing over to their fallbacks. */
    public boolean degraded() {
        return breaker.getState() != CircuitBreaker.State.CLOSED;
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** What a client refused for lack of Redis is told to wait: until the next probe. */
    public Duration retryAfter() {
        return probeInterval;
    }

    /** The last failure, as Redis or the client described it (host and port at most, no credentials). */
    public String lastError() {
        return lastError;
    }

    private <T> T fallback(String use, Supplier<T> fallback) {
        meters.counter("aiops.redis.fallbacks", "use", use).increment();
        return fallback.get();
    }

    static boolean isRedisFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessException || t instanceof RedisException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
