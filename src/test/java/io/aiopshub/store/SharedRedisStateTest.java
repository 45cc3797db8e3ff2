package io.aiopshub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import io.aiopshub.AiopsHubApplication;
import io.aiopshub.support.EmbeddedRedisServer;
import io.aiopshub.support.Payloads;

/**
 * Two hub instances on one real Redis and one database: a repeat delivered to the other instance is
 * still recognised as a repeat, and Redis shows up in each instance's health.
 */
class SharedRedisStateTest {

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoInstances() {
        String redis = EmbeddedRedisServer.url();
        first = start(redis);
        second = start(redis);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void aRepeatSentToTheOtherInstanceIsDeduplicated() throws Exception {
        String alert = Payloads.alertmanager("firing", Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2099-01-01T00:00:00Z"),
                Map.of("alertname", "QueueStuck", "service", "billing"), "queue stuck");
        assertThat(post(first, alert).body()).contains("\"stored\":1").contains("\"deduplicated\":0");
        assertThat(post(second, alert).body()).contains("\"stored\":0").contains("\"deduplicated\":1");
        assertThat(post(first, alert).body()).contains("\"deduplicated\":1");

        StringRedisTemplate redis = first.getBean(StringRedisTemplate.class);
        // Other tests' states may be written back to Redis too (degraded-mode replay): check every key's TTL.
        var keys = redis.keys(RedisDedupStore.PREFIX + "*");
        assertThat(keys).isNotEmpty();
        for (String key : keys) {
            assertThat(redis.getExpire(key)).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(12).toSeconds());
        }

        // A changed state (resolved) is new to both instances.
        String resolved = Payloads.alertmanager("resolved", Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-02-01T01:00:00Z"),
                Map.of("alertname", "QueueStuck", "service", "billing"), "queue stuck");
        assertThat(post(second, resolved).body()).contains("\"stored\":1");
        assertThat(post(first, resolved).body()).contains("\"deduplicated\":1");
    }

    @Test
    void healthShowsRedis() throws Exception {
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(URI.create(base(second) + "/actuator/health"))
                .header("Authorization", "Bearer redis-token").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"redis\":{\"status\":\"UP\"");
    }

    @Test
    void aDedupStoreFailingAfterTheCommitStillAnswers202() throws Exception {
        StringRedisTemplate redis = first.getBean(StringRedisTemplate.class);
        JdbcTemplate db = first.getBean(JdbcTemplate.class);
        long stored = db.queryForObject("select count(*) from alert_inbox", Long.class);
        String alert = Payloads.alertmanager("firing", Instant.parse("2026-02-01T00:00:00Z"), null,
                Map.of("alertname", "AfterCommit", "service", "billing"), "dedup write fails");
        // Redis still answers reads (the dedup check) but refuses writes (remembering, after the commit).
        redis.execute((RedisCallback<Object>) c -> {
            c.serverCommands().setConfig("min-replicas-to-write", "1");
            return null;
        });
        try {
            HttpResponse<String> response = post(first, alert);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(response.body()).contains("\"stored\":1");
            assertThat(db.queryForObject("select count(*) from alert_inbox", Long.class)).isEqualTo(stored + 1);
        } finally {
            redis.execute((RedisCallback<Object>) c -> {
                c.serverCommands().setConfig("min-replicas-to-write", "0");
                return null;
            });
        }
        // Not remembered in Redis: the next delivery is deduplicated from the database (degraded mode) or,
        // at worst, stored once more; either way it is answered 202 and nothing is lost.
        try {
            HttpResponse<String> again = post(first, alert);
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(db.queryForObject("select count(*) from alert_inbox", Long.class)).isBetween(stored + 1, stored + 2);
        } finally {
            first.getBean(DedupStore.class).clear();
        }
    }

    private static ConfigurableApplicationContext start(String redisUrl) {
        return new SpringApplicationBuilder(AiopsHubApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:shared-redis;DB_CLOSE_DELAY=-1",
                "--aiops.redis.url=" + redisUrl,
                "--aiops.security.api-tokens=redis-token",
                "--camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml",
                "--spring.jmx.enabled=false");
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext context, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base(context) + "/api/v1/alerts/alertmanager"))
                .header("Authorization", "Bearer redis-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
