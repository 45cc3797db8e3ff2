package io.aiopshub.config;

import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.core.env.Environment;

import io.aiopshub.incident.CurrentRoutingPolicy;
import io.aiopshub.incident.RoutingPolicyLoader;
import io.aiopshub.incident.RoutingPolicyWatcher;
import io.aiopshub.ingest.AlertmanagerPayloadParser;
import io.aiopshub.ingest.Fingerprinter;
import io.aiopshub.ingest.GenericEventParser;
import io.aiopshub.store.DatabaseDedupStore;
import io.aiopshub.store.DedupStore;
import io.aiopshub.store.FallbackDedupStore;
import io.aiopshub.store.InMemoryDedupStore;
import io.aiopshub.store.RedisDedupStore;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires the plain domain classes, which know nothing of Spring. */
@Configuration(proxyBeanMethods = false)
public class CoreBeans {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Fingerprinter fingerprinter(HubProperties properties) {
        return new Fingerprinter(properties.getIngest().getIgnoreLabels());
    }

    @Bean
    CurrentRoutingPolicy routingPolicy(HubProperties properties) {
        return new CurrentRoutingPolicy(new RoutingPolicyLoader().load(properties.getRouting().getFile()));
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(prefix = "aiops.routing", name = "reload", havingValue = "true", matchIfMissing = true)
    RoutingPolicyWatcher routingPolicyWatcher(CurrentRoutingPolicy policy, HubMetrics metrics, HubProperties properties) {
        return new RoutingPolicyWatcher(policy, new RoutingPolicyLoader(), metrics, Path.of(properties.getRouting().getFile()),
                properties.getRouting().getPollInterval());
    }

    @Bean
    AlertmanagerPayloadParser alertmanagerPayloadParser(Clock clock, HubProperties properties) {
        return new AlertmanagerPayloadParser(clock, properties.getIngest().getMaxAlertsPerRequest());
    }

    @Bean
    GenericEventParser genericEventParser(Clock clock, HubProperties properties) {
        return new GenericEventParser(clock, properties.getIngest().getMaxAlertsPerRequest());
    }

    @Bean
    io.aiopshub.ingest.LogPayloadParser logPayloadParser(Clock clock, HubProperties properties) {
        return new io.aiopshub.ingest.LogPayloadParser(clock, properties.getIngest().getMaxAlertsPerRequest());
    }

    /** A Redis Stream shared by all instances when Redis is configured, else a bounded in-process queue. */
    @Bean
    io.aiopshub.ingest.LogLineQueue logLineQueue(HubProperties properties, Environment env,
                                                 ObjectProvider<StringRedisTemplate> redis,
                                                 ObjectProvider<RedisGuard> guard) {
        HubProperties.Ingest ingest = properties.getIngest();
        if (RedisMode.enabled(env)) {
            return new io.aiopshub.ingest.RedisLogLineQueue(redis.getObject(),
                    io.aiopshub.ingest.RedisLogLineQueue.STREAM, guard.getObject(),
                    ingest.getLogConsumerName(), ingest.getLogQueueCapacity(), ingest.getLogReclaimAfter(),
                    properties.getRedis().getCommandTimeout());
        }
        return new io.aiopshub.ingest.InProcessLogLineQueue(ingest.getLogQueueCapacity());
    }

    /**
     * Redis when {@code aiops.redis.url} is set (env AIOPS_REDIS_URL), answered by the database while
     * Redis is unavailable; else in memory.
     */
    @Bean
    DedupStore dedupStore(HubProperties properties, Clock clock, Environment env,
                          ObjectProvider<StringRedisTemplate> redis, ObjectProvider<RedisGuard> guard,
                          JdbcTemplate jdbc, MeterRegistry meters) {
        HubProperties.Ingest ingest = properties.getIngest();
        // Long enough to cover a missed refresh and a resolve timeout; repeats older than that are stored again.
        Duration ttl = ingest.getResolveTimeout().plus(ingest.getRefreshInterval()).multipliedBy(2);
        if (RedisMode.enabled(env)) {
            return new FallbackDedupStore(new RedisDedupStore(redis.getObject(), ingest.getRefreshInterval(), ttl),
                    new DatabaseDedupStore(jdbc, ingest.getRefreshInterval()), guard.getObject(),
                    properties.getRedis().getReplayLimit(), meters);
        }
        return new InMemoryDedupStore(ingest.getRefreshInterval(), ttl, 1_000_000, clock);
    }
}
