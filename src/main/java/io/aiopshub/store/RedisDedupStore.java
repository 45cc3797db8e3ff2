package io.aiopshub.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Dedup state in Redis ({@code aiops:dedup:<fingerprint>}, with a TTL) so hub instances share it. */
public class RedisDedupStore implements DedupStore {

    static final String PREFIX = "aiops:dedup:";

    private final StringRedisTemplate redis;
    private final Duration refreshInterval;
    private final Duration ttl;

    public RedisDedupStore(StringRedisTemplate redis, Duration refreshInterval, Duration ttl) {
        this.redis = redis;
        this.refreshInterval = refreshInterval;
        this.ttl = ttl;
    }

    @Override
    public List<Boolean> mustStore(List<AlertState> states) {
        List<String> keys = states.stream().map(state -> PREFIX + state.fingerprint()).toList();
        List<String> remembered = redis.opsForValue().multiGet(keys);
        List<Boolean> result = new ArrayList<>(states.size());
        for (int i = 0; i < states.size(); i++) {
            result.add(DedupDecision.mustStore(remembered == null ? null : remembered.get(i), states.get(i), refreshInterval));
        }
        return result;
    }

    @Override
    public void remember(List<AlertState> states) {
        long ttlSeconds = Math.max(1, ttl.toSeconds());
        redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection strings = (StringRedisConnection) connection;
            for (AlertState state : states) {
                strings.setEx(PREFIX + state.fingerprint(), ttlSeconds, DedupDecision.encode(state));
            }
            return null;
        });
    }

    /** SCAN rather than KEYS, which would block a Redis holding many keys. */
    @Override
    public void clear() {
        List<String> batch = new ArrayList<>();
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(PREFIX + "*").count(1000).build())) {
            while (keys.hasNext()) {
                batch.add(keys.next());
                if (batch.size() == 1000) {
                    redis.delete(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            redis.delete(batch);
        }
    }
}
