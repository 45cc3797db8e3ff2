package io.aiopshub.rca;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.aiopshub.config.RedisGuard;
import io.aiopshub.support.EmbeddedRedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.aiopshub.support.MutableClock;

/** Both analysis caches: entries expire after the TTL; the Redis one is shared through a real Redis. */
class AnalysisCacheTest {

    @Test
    void inMemoryEntriesExpire() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        AnalysisCache cache = new AnalysisCache.InMemory(Duration.ofMinutes(10), clock);
        cache.put("sig", "{\"a\":1}");
        assertThat(cache.get("sig")).contains("{\"a\":1}");
        clock.advance(Duration.ofMinutes(11));
        assertThat(cache.get("sig")).isEmpty();
    }

    @Test
    void redisEntriesAreSharedAndCarryTheTtl() {
        URI uri = URI.create(EmbeddedRedisServer.url());
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
        factory.afterPropertiesSet();
        try {
            StringRedisTemplate redis = new StringRedisTemplate(factory);
            redis.afterPropertiesSet();
            RedisGuard guard = new RedisGuard(Duration.ofSeconds(5), new SimpleMeterRegistry());
            new AnalysisCache.Redis(redis, guard, Duration.ofHours(2)).put("sig-r", "{\"b\":2}");
            assertThat(new AnalysisCache.Redis(redis, guard, Duration.ofHours(2)).get("sig-r")).contains("{\"b\":2}");
            assertThat(redis.getExpire(AnalysisCache.Redis.PREFIX + "sig-r")).isBetween(7000L, 7200L);
        } finally {
            factory.destroy();
        }
    }
}
