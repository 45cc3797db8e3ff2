package io.aiopshub.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StreamOperations;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;

/**
 * Log lines in a capped Redis Stream ({@code aiops:logs:stream}) read by the consumer group
 * {@code aiops-miners}, so several hub instances share the work. A line is acknowledged (XACK) only
 * after it was mined; lines a consumer took and never acknowledged (it died) are claimed by another
 * consumer once they have been idle for {@code reclaimAfter} (XAUTOCLAIM), so none is lost. Delivery is
 * at least once: a consumer that mined a batch and died before XACK leaves it to be mined again.
 */
public class RedisLogLineQueue implements LogLineQueue {

    public static final String STREAM = "aiops:logs:stream";
    public static final String GROUP = "aiops-miners";

    private final StringRedisTemplate redis;
    private final String consumer;
    private final long maxLength;
    private final Duration reclaimAfter;

    public RedisLogLineQueue(StringRedisTemplate redis, String consumer, long maxLength, Duration reclaimAfter) {
        this.redis = redis;
        this.consumer = consumer;
        this.maxLength = maxLength;
        this.reclaimAfter = reclaimAfter;
        ensureGroup();
    }

    @Override
    public int offer(List<LogLine> lines) {
        XAddOptions capped = XAddOptions.maxlen(maxLength).approximateTrimming(true);
        // One round trip for the whole request, not one per line.
        redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                StreamOperations<String, String, String> streams = ((RedisOperations<String, String>) operations).opsForStream();
                for (LogLine line : lines) {
                    streams.add(STREAM, fields(line), capped);
                }
                return null;
            }
        });
        return lines.size();
    }

    @Override
    public Batch take(int max) {
        List<MapRecord<String, Object, Object>> records = new ArrayList<>(reclaim(max));
        if (records.size() < max) {
            List<MapRecord<String, Object, Object>> fresh = redis.opsForStream().read(Consumer.from(GROUP, consumer),
                    StreamReadOptions.empty().count(max - records.size()),
                    StreamOffset.create(STREAM, ReadOffset.lastConsumed()));
            if (fresh != null) {
                records.addAll(fresh);
            }
        }
        List<LogLine> lines = new ArrayList<>(records.size());
        List<String> ids = new ArrayList<>(records.size());
        for (MapRecord<String, Object, Object> record : records) {
            lines.add(line(record.getValue()));
            ids.add(record.getId().getValue());
        }
        return new Batch(lines, ids);
    }

    @Override
    public void ack(Batch batch) {
        if (!batch.ids().isEmpty()) {
            redis.opsForStream().acknowledge(STREAM, GROUP, batch.ids().toArray(String[]::new));
        }
    }

    /**
     * Takes over entries that some consumer (perhaps a dead one, perhaps this one) left unacknowledged
     * for {@code reclaimAfter}, with XAUTOCLAIM. Spring Data Redis has no method for it, so it goes
     * through the Lettuce connection underneath.
     */
    private List<MapRecord<String, Object, Object>> reclaim(int max) {
        ClaimedMessages<byte[], byte[]> claimed = redis.execute((RedisCallback<ClaimedMessages<byte[], byte[]>>) connection -> {
            @SuppressWarnings("unchecked")
            RedisStreamAsyncCommands<byte[], byte[]> lettuce = (RedisStreamAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
            try {
                return lettuce.xautoclaim(bytes(STREAM), XAutoClaimArgs.Builder.xautoclaim(
                        io.lettuce.core.Consumer.from(bytes(GROUP), bytes(consumer)), reclaimAfter, "0-0").count(max))
                        .get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reclaiming log lines", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("XAUTOCLAIM on " + STREAM + " failed", e);
            }
        });
        if (claimed == null) {
            return List.of();
        }
        List<MapRecord<String, Object, Object>> records = new ArrayList<>();
        List<String> trimmed = new ArrayList<>();
        for (StreamMessage<byte[], byte[]> message : claimed.getMessages()) {
            // Redis 6.2 returns an entry already trimmed from the capped stream with no body: nothing to mine.
            if (message.getBody() == null || message.getBody().isEmpty()) {
                trimmed.add(message.getId());
                continue;
            }
            Map<Object, Object> fields = new LinkedHashMap<>();
            message.getBody().forEach((k, v) -> fields.put(text(k), text(v)));
            records.add(MapRecord.create(STREAM, fields).withId(RecordId.of(message.getId())));
        }
        if (!trimmed.isEmpty()) {
            redis.opsForStream().acknowledge(STREAM, GROUP, trimmed.toArray(String[]::new));
        }
        return records;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private void ensureGroup() {
        try {
            if (Boolean.FALSE.equals(redis.hasKey(STREAM))) {
                redis.opsForStream().add(STREAM, Map.of("init", "1"));
                redis.opsForStream().trim(STREAM, 0);
            }
            redis.opsForStream().createGroup(STREAM, ReadOffset.from("0"), GROUP);
        } catch (RedisSystemException e) {
            // BUSYGROUP: another instance created it first.
            if (e.getMessage() == null || !String.valueOf(e.getMostSpecificCause().getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private static Map<String, String> fields(LogLine line) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("service", line.service());
        fields.put("message", line.message());
        fields.put("ts", String.valueOf(line.timestamp().toEpochMilli()));
        if (line.level() != null) {
            fields.put("level", line.level());
        }
        if (line.host() != null) {
            fields.put("host", line.host());
        }
        return fields;
    }

    private static LogLine line(Map<Object, Object> fields) {
        return new LogLine((String) fields.get("service"), (String) fields.get("level"), (String) fields.get("message"),
                Instant.ofEpochMilli(Long.parseLong((String) fields.get("ts"))), (String) fields.get("host"));
    }
}
