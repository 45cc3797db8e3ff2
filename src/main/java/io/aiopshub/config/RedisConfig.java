package io.aiopshub.config;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Redis connection, only when {@code aiops.redis.url} is set. Every wait is bounded, so an outage costs
 * a caller at most the command timeout and never Lettuce's defaults (60 s commands, commands queued
 * while disconnected, reconnects backing off to 30 s). Its health shows at /actuator/health as {@code redis}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${aiops.redis.url:}'.isBlank()")
public class RedisConfig {

    @Bean(destroyMethod = "shutdown")
    ClientResources redisClientResources(HubProperties properties) {
        return clientResources(properties.getRedis());
    }

    @Bean
    LettuceConnectionFactory redisConnectionFactory(HubProperties properties, ClientResources resources) {
        return connectionFactory(properties.getRedis(), resources);
    }

    @Bean
    StringRedisTemplate stringRedisTemplate(LettuceConnectionFactory factory) {
        return new StringRedisTemplate(factory);
    }

    @Bean
    RedisGuard redisGuard(HubProperties properties, MeterRegistry meters) {
        return new RedisGuard(properties.getRedis().getProbeInterval(), meters);
    }

    /** Named so that it replaces Spring Boot's Redis health indicator, which waits as long as the client does. */
    @Bean
    RedisHealth redisHealthContributor(StringRedisTemplate redis, RedisGuard guard) {
        return new RedisHealth(redis, guard);
    }

    /** Shut down by the caller, after the connection factory. */
    public static ClientResources clientResources(HubProperties.Redis redis) {
        // Reconnect soon after Redis is back: commands are rejected until then, so every second waited is a second degraded.
        return DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), redis.getReconnectMaxDelay(), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /** Not yet started: Spring starts it as a bean, a test calls {@code afterPropertiesSet()}. */
    public static LettuceConnectionFactory connectionFactory(HubProperties.Redis redis, ClientResources resources) {
        ClientOptions options = ClientOptions.builder()
                .autoReconnect(true)
                // Fail at once while disconnected instead of buffering commands until a reconnect (the 28 s hang).
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(redis.getConnectTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(redis.getCommandTimeout()))
                .build();
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .clientResources(resources)
                .clientOptions(options)
                .commandTimeout(redis.getCommandTimeout())
                .shutdownTimeout(Duration.ZERO)
                .build();
        return new LettuceConnectionFactory(standalone(URI.create(redis.getUrl())), client);
    }

    static RedisStandaloneConfiguration standalone(URI uri) {
        RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : 6379);
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            if (parts.length == 2) {
                if (!parts[0].isEmpty()) {
                    config.setUsername(parts[0]);
                }
                config.setPassword(parts[1]);
            } else {
                config.setPassword(parts[0]);
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            config.setDatabase(Integer.parseInt(path.substring(1)));
        }
        return config;
    }
}
