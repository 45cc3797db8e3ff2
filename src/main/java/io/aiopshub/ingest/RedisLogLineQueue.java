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
import java.util.function.Supplier;

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

import io.aiopshub.config.RedisGuard;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
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

    /** The stream all instances of one hub share. */
    public static final String STREAM = "aiops:logs:stream";
    public static final String GROUP = "aiops-miners";

    private final StringRedisTemplate redis;
    private final String stream;
    private final RedisGuard guard;
    private final String consumer;
    private final long maxLength;
    private final Duration reclaimAfter;
    private final Duration commandTimeout;

    public RedisLogLineQueue(StringRedisTemplate redis, String stream, RedisGuard guard, String consumer, long maxLength,
                             Duration reclaimAfter, Duration commandTimeout) {
        this.redis = redis;
        this.stream = stream;
        this.guard = guard;
        this.consumer = consumer;
        this.maxLength = maxLength;
        this.reclaimAfter = reclaimAfter;
        this.commandTimeout = commandTimeout;
        // Not required to start: a hub started while Redis is down runs degraded and creates the group later.
        guard.run("logs", this::ensureGroup);
    }

    /**
     * All lines or none; while Redis is unavailable none, with {@link LogQueueUnavailableException}: the
     * stream is what makes a 202 for log lines mean "will be mined", so there is no in-process stand-in
     * that a crash would empty, and the sender keeps the lines until it is told to retry.
     */
    @Override
    public int offer(List<LogLine> lines) {
        if (lines.isEmpty()) {
            return 0;
        }
        XAddOptions capped = XAddOptions.maxlen(maxLength).approximateTrimming(true);
        boolean queued = guard.run("logs", () ->
                // One round trip for the whole request, not one per line.
                redis.executePipelined(new SessionCallback<Object>() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <K, V> Object execute(RedisOperations<K, V> operations) {
                        StreamOperations<String, String, String> streams = ((RedisOperations<String, String>) operations).opsForStream();
                        for (LogLine line : lines) {
                            streams.add(stream, fields(line), capped);
                        }
                        return null;
                    }
                }));
        if (!queued) {
            throw new LogQueueUnavailableException(guard.retryAfter());
        }
        return lines.size();
    }

    /** Nothing while Redis is unavailable: the lines wait in the stream. */
    @Override
    public Batch take(int max) {
        return guard.call("logs", () -> withGroup(() -> takeFromStream(max)), Batch::empty);
    }

    /**
     * Unacknowledged for lack of Redis, lines stay pending and are claimed again after
     * {@code reclaimAfter} (at least once, as when a consumer dies).
     */
    @Override
    public void ack(Batch batch) {
        if (!batch.ids().isEmpty()) {
            guard.run("logs", () -> withGroup(() ->
                    redis.opsForStream().acknowledge(stream, GROUP, batch.ids().toArray(String[]::new))));
        }
    }

    private Batch takeFromStream(int max) {
        List<MapRecord<String, Object, Object>> records = new ArrayList<>(reclaim(max));
        if (records.size() < max) {
            List<MapRecord<String, Object, Object>> fresh = redis.opsForStream().read(Consumer.from(GROUP, consumer),
                    StreamReadOptions.empty().count(max - records.size()),
                    StreamOffset.create(stream, ReadOffset.lastConsumed()));
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

    /** A Redis that restarted without its data lost the group too (NOGROUP): create it again and retry once. */
    private <T> T withGroup(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            if (!mentions(e, "NOGROUP")) {
                throw e;
            }
            ensureGroup();
            return action.get();
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
                return lettuce.xautoclaim(bytes(stream), XAutoClaimArgs.Builder.xautoclaim(
                        io.lettuce.core.Consumer.from(bytes(GROUP), bytes(consumer)), reclaimAfter, "0-0").count(max))
                        .get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reclaiming log lines", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new RedisException(e.getCause());
            } catch (TimeoutException e) {
                throw new RedisCommandTimeoutException("XAUTOCLAIM on " + stream + " took longer than " + commandTimeout);
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
            records.add(MapRecord.create(stream, fields).withId(RecordId.of(message.getId())));
        }
        if (!trimmed.isEmpty()) {
            redis.opsForStream().acknowledge(stream, GROUP, trimmed.toArray(String[]::new));
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
            // XGROUP CREATE ... MKSTREAM: creates the stream too, without touching lines already in it.
            redis.opsForStream().createGroup(stream, ReadOffset.from("0"), GROUP);
        } catch (RuntimeException e) {
            // BUSYGROUP: another instance created it first.
            if (!mentions(e, "BUSYGROUP")) {
                throw e;
            }
        }
    }

    private static boolean mentions(Throwable e, String code) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(code)) {
                return true;
            }
        }
        return false;
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
