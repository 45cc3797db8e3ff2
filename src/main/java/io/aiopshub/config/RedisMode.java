package io.aiopshub.config;

import org.springframework.core.env.Environment;

/** Redis is used only when {@code aiops.redis.url} (env AIOPS_REDIS_URL) is set; the embedded default runs without it. */
public final class RedisMode {

    public static final String URL_PROPERTY = "aiops.redis.url";

    private RedisMode() { }

    public static boolean enabled(Environment env) {
        String url = env.getProperty(URL_PROPERTY);
        return url != null && !url.isBlank();
    }
}
