package io.aiopshub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.aiopshub.config.HubProperties;
import io.aiopshub.config.RedisConfig;
import io.aiopshub.config.RedisGuard;
import io.aiopshub.store.DedupStore.AlertState;
import io.aiopshub.support.RestartableRedis;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What Redis holds after an outage, on a real Redis that keeps its data across the restart (so it
 * still holds the states from before the outage). The stand-in while it is down is the in-memory
 * store, which remembers nothing here: every question during the outage is answered "store it".
 */
class FallbackDedupStoreTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant FAR = Instant.parse("2099-01-01T00:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RedisGuard guard = new RedisGuard(Duration.ofMillis(300), meters);
    private RestartableRedis redis;
    private ClientResources resources;
    private LettuceConnectionFactory factory;
    private StringRedisTemplate template;
    private RedisDedupStore redisStore;

    @BeforeEach
    void connect() {
        redis = RestartableRedis.start();
        HubProperties.Redis settings = new HubProperties.Redis();
        settings.setUrl(redis.url());
        resources = RedisConfig.clientResources(settings);
        factory = RedisConfig.connectionFactory(settings, resources);
        factory.afterPropertiesSet();
        factory.start();
        template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        redisStore = new RedisDedupStore(template, Duration.ofMinutes(1), Duration.ofHours(1));
    }

    @AfterEach
    void disconnect() {
        factory.destroy();
        resources.shutdown();
        redis.close();
    }

    @Test
    void aStateStoredDuringTheOutageReplacesTheOlderOneInRedisBeforeRedisIsTrustedAgain() {
        FallbackDedupStore store = store(100);
        store.remember(List.of(firing("a")));
        redis.stop();

        store.remember(List.of(resolved("a")));
        assertThat(store.caughtUp()).isFalse();
        redis.startAgain();

        awaitCaughtUp(store);
        assertThat(store.mustStore(List.of(resolved("a")))).as("the outage's state is known to Redis").containsExactly(false);
        assertThat(store.mustStore(List.of(firing("a"))))
                .as("firing again after the resolve is a change, not a repeat of what Redis held before").containsExactly(true);
    }

    @Test
    void beyondTheReplayLimitEveryDedupKeyIsDroppedInsteadOfTrusted() {
        FallbackDedupStore store = store(2);
        store.remember(List.of(firing("a"), firing("b")));
        redis.stop();

        store.remember(List.of(resolved("a"), firing("c"), firing("d")));
        redis.startAgain();

        awaitCaughtUp(store);
        assertThat(store.mustStore(List.of(firing("a"), firing("b"))))
                .as("stale states are gone: stored once more, never dropped wrongly").containsExactly(true, true);
        store.remember(List.of(firing("b")));
        assertThat(store.mustStore(List.of(firing("b")))).as("Redis is used again").containsExactly(false);
    }

    private FallbackDedupStore store(int replayLimit) {
        return new FallbackDedupStore(redisStore,
                new InMemoryDedupStore(Duration.ofMinutes(1), Duration.ofHours(1), 1000, Clock.systemUTC()),
                guard, replayLimit, meters);
    }

    /**
     * Catching up happens on the dedup path, one chunk per question, once the breaker lets calls through;
     * then until the shared connection has reconnected too, questions still go to the stand-in.
     */
    private void awaitCaughtUp(FallbackDedupStore store) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            store.mustStore(List.of(firing("probe")));
            return store.caughtUp() && guard.run("test", () -> template.hasKey("probe"));
        });
    }

    private static AlertState firing(String fingerprint) {
        return new AlertState(fingerprint, "firing", START, FAR);
    }

    private static AlertState resolved(String fingerprint) {
        return new AlertState(fingerprint, "resolved", START, START.plusSeconds(600));
    }
}
