package io.aiopshub.config;

import java.net.URI;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Redis connection, only when {@code aiops.redis.url} is set. Its health shows at /actuator/health. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${aiops.redis.url:}'.isBlank()")
public class RedisConfig {

    @Bean
    LettuceConnectionFactory redisConnectionFactory(org.springframework.core.env.Environment env) {
        URI uri = URI.create(env.getRequiredProperty(RedisMode.URL_PROPERTY));
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
        return new LettuceConnectionFactory(config);
    }

    @Bean
    StringRedisTemplate stringRedisTemplate(LettuceConnectionFactory factory) {
        return new StringRedisTemplate(factory);
    }
}
