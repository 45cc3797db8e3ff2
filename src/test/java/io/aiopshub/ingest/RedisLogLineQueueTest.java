package io.aiopshub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.aiopshub.config.RedisGuard;
import io.aiopshub.support.EmbeddedRedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The Redis Stream hand-over on a real Redis: shared work, and a dead consumer's lines reclaimed, none lost. */
class RedisLogLineQueueTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final RedisGuard guard = new RedisGuard(Duration.ofSeconds(5), new SimpleMeterRegistry());
    /**
     * A stream of this test's own: hubs of other test classes still running in the JVM (Spring's context
     * cache) mine the hub's real stream with the same consumer group, and would take these lines.
     */
    private final String stream = "aiops:logs:test-" + java.util.UUID.randomUUID();
    private LettuceConnectionFactory factory;
    private StringRedisTemplate redis;

    @BeforeEach
    void connect() {
        URI uri = URI.create(EmbeddedRedisServer.url());
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
        factory.afterPropertiesSet();
        redis = new StringRedisTemplate(factory);
        redis.afterPropertiesSet();
        redis.delete(stream);
    }

    @AfterEach
    void disconnect() {
        redis.delete(stream);
        factory.destroy();
    }

    @Test
    void linesOfAConsumerKilledMidBatchAreReclaimedByAnother() {
        RedisLogLineQueue dying = new RedisLogLineQueue(redis, stream, guard, "hub-a", 10_000, Duration.ofMillis(300), TIMEOUT);
        RedisLogLineQueue survivor = new RedisLogLineQueue(redis, stream, guard, "hub-b", 10_000, Duration.ofMillis(300), TIMEOUT);
        assertThat(dying.offer(lines(10))).isEqualTo(10);

        LogLineQueue.Batch taken = dying.take(6);
        assertThat(taken.lines()).hasSize(6);
        // hub-a dies here: no ack.
        LogLineQueue.Batch rest = survivor.take(100);
        assertThat(rest.lines()).extracting(LogLine::message).containsExactlyElementsOf(messages(6, 10));
        survivor.ack(rest);

        Set<String> processed = new HashSet<>();
        rest.lines().forEach(l -> processed.add(l.message()));
        await().pollDelay(Duration.ofMillis(350)).atMost(Duration.ofSeconds(5)).until(() -> {
            LogLineQueue.Batch reclaimed = survivor.take(100);
            reclaimed.lines().forEach(l -> assertThat(processed.add(l.message())).as("processed once: " + l.message()).isTrue());
            survivor.ack(reclaimed);
            return processed.size() == 10;
        });
        assertThat(processed).containsExactlyInAnyOrderElementsOf(messages(0, 10));
        assertThat(redis.opsForStream().pending(stream, RedisLogLineQueue.GROUP).getTotalPendingMessages())
                .isZero();
        assertThat(survivor.take(100).lines()).isEmpty();
    }

    @Test
    void linesRoundTripWithAllFieldsAndTheStreamIsCapped() {
        RedisLogLineQueue queue = new RedisLogLineQueue(redis, stream, guard, "hub-c", 50, Duration.ofMinutes(1), TIMEOUT);
        queue.offer(List.of(new LogLine("api", "error", "boom", Instant.parse("2026-01-01T00:00:00Z"), "node-1")));
        LogLineQueue.Batch batch = queue.take(10);
        assertThat(batch.lines()).containsExactly(new LogLine("api", "error", "boom", Instant.parse("2026-01-01T00:00:00Z"), "node-1"));
        queue.ack(batch);
        queue.offer(lines(500));
        assertThat(redis.opsForStream().size(stream)).isLessThan(500);
    }

    @Test
    void aRedisThatLostItsDataGetsTheGroupBackAndNoLineOfferedMeanwhileIsMissed() {
        RedisLogLineQueue queue = new RedisLogLineQueue(redis, stream, guard, "hub-d", 10_000, Duration.ofMinutes(1), TIMEOUT);
        // As after a restart without persistence: stream and consumer group are gone.
        redis.delete(stream);
        assertThat(queue.offer(lines(5))).isEqualTo(5);

        LogLineQueue.Batch batch = queue.take(100);
        assertThat(batch.lines()).extracting(LogLine::message).containsExactlyElementsOf(messages(0, 5));
        queue.ack(batch);
        assertThat(redis.opsForStream().pending(stream, RedisLogLineQueue.GROUP).getTotalPendingMessages())
                .isZero();
    }

    private static List<LogLine> lines(int n) {
        List<LogLine> lines = new ArrayList<>();
        for (String message : messages(0, n)) {
            lines.add(new LogLine("svc", null, message, Instant.parse("2026-01-01T00:00:00Z"), null));
        }
        return lines;
    }

    private static List<String> messages(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line " + i).toList();
    }
}
