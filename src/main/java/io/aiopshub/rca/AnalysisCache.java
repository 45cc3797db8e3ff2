package io.aiopshub.rca;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.aiopshub.config.RedisGuard;

/**
 * LLM answers by incident signature (alert fingerprints, template ids, severity), so a recurring
 * incident does not pay again: in Redis ({@code aiops:analysis:<signature>}, shared by instances) when
 * configured, else in memory; entries expire after the TTL.
 */
public interface AnalysisCache {

    Optional<String> get(String signature);

    void put(String signature, String cachedJson);

    /** The embedded default. */
    final class InMemory implements AnalysisCache {

        private record Entry(String json, long expiresAtMillis) { }

        private final Map<String, Entry> entries = new ConcurrentHashMap<>();
        private final Duration ttl;
        private final Clock clock;

        public InMemory(Duration ttl, Clock clock) {
            this.ttl = ttl;
            this.clock = clock;
        }

        @Override
        public Optional<String> get(String signature) {
            Entry entry = entries.get(signature);
            if (entry == null || entry.expiresAtMillis() < clock.millis()) {
                entries.remove(signature);
                return Optional.empty();
            }
            return Optional.of(entry.json());
        }

        @Override
        public void put(String signature, String cachedJson) {
            if (entries.size() > 10_000) {
                entries.values().removeIf(e -> e.expiresAtMillis() < clock.millis());
            }
            entries.put(signature, new Entry(cachedJson, clock.millis() + ttl.toMillis()));
        }
    }

    /** Shared by all hub instances; while Redis is unavailable every lookup misses and nothing is kept. */
    final class Redis implements AnalysisCache {

        static final String PREFIX = "aiops:analysis:";

        private final StringRedisTemplate redis;
        private final RedisGuard guard;
        private final Duration ttl;

        public Redis(StringRedisTemplate redis, RedisGuard guard, Duration ttl) {
            this.redis = redis;
            this.guard = guard;
            this.ttl = ttl;
        }

        @Override
        public Optional<String> get(String signature) {
            return guard.call("analysis-cache", () -> Optional.ofNullable(redis.opsForValue().get(PREFIX + signature)),
                    Optional::empty);
        }

        @Override
        public void put(String signature, String cachedJson) {
            guard.run("analysis-cache", () -> redis.opsForValue().set(PREFIX + signature, cachedJson, ttl));
        }
    }
}
