package io.aiopshub.config;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@code redis} health component. It answers within the command timeout (a PING through the
 * breaker; no network at all while the breaker is open) and says {@code DEGRADED} rather than
 * {@code DOWN} when Redis is unavailable: the hub keeps accepting alerts without it, so taking the
 * instance out of the load balancer (HTTP 503) would turn a Redis outage into a hub outage.
 * {@code DEGRADED} ranks between DOWN and UP (application.yml) and answers HTTP 200.
 */
public class RedisHealth implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED",
            "Redis is unavailable: alerts are deduplicated from the database, log lines are refused with 503");

    private final StringRedisTemplate redis;
    private final RedisGuard guard;

    public RedisHealth(StringRedisTemplate redis, RedisGuard guard) {
        this.redis = redis;
        this.guard = guard;
    }

    @Override
    public Health health() {
        return guard.call("health", () -> {
            String pong = redis.execute((RedisCallback<String>) RedisConnection::ping);
            return Health.up().withDetail("ping", String.valueOf(pong)).build();
        }, () -> Health.status(DEGRADED)
                .withDetail("breaker", guard.state().name())
                .withDetail("error", guard.lastError())
                .withDetail("retryAfterSeconds", guard.retryAfter().toSeconds())
                .build());
    }
}
