package io.aiopshub.console;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The open event streams of incident lists, bounded in number, and the one thread that serves them all: every
 * check interval it asks {@link IncidentChanges} once (not once per stream) and sends each stream a small
 * {@code changed} event when something changed; the page then re-fetches its rows with its own filters. A quiet
 * stream gets a comment now and then. A stream leaves the set when it completes, times out or fails to write.
 */
@Component
public class IncidentStreams implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentStreams.class);

    private final IncidentChanges changes;
    private final ConsoleLiveProperties properties;
    private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService checker;
    /** System.nanoTime() of the last send: heartbeats are about sockets and proxies, so real time, not the hub's clock. */
    private long lastSent = System.nanoTime();

    public IncidentStreams(IncidentChanges changes, ConsoleLiveProperties properties, MeterRegistry registry) {
        this.changes = changes;
        this.properties = properties;
        Gauge.builder("aiops.console.live.streams", streams, Set::size)
                .description("Event streams open to console incident lists").register(registry);
    }

    /** A new stream, or empty when {@code aiops.console.live.max-streams} are open already. */
    public synchronized Optional<SseEmitter> open() throws IOException {
        if (streams.size() >= properties.getMaxStreams()) {
            return Optional.empty();
        }
        if (streams.isEmpty()) {
            // Nobody was watching, so nothing was looked at: changes from now on are news.
            changes.baseline();
        }
        SseEmitter stream = new SseEmitter(properties.getStreamTimeout().toMillis());
        stream.onCompletion(() -> streams.remove(stream));
        stream.onError(e -> streams.remove(stream));
        // Completing on timeout ends the response normally; the browser reconnects after the retry delay.
        stream.onTimeout(stream::complete);
        streams.add(stream);
        // Sent at once, so the browser sees the stream open and learns how long to wait before reconnecting.
        stream.send(SseEmitter.event().reconnectTime(properties.getReconnectDelay().toMillis()).comment("open"));
        return Optional.of(stream);
    }

    int openStreams() {
        return streams.size();
    }

    /** One round: a {@code changed} event to every stream when the incidents changed, else a heartbeat when due. */
    void check() {
        if (streams.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (changes.changed()) {
            sendAll(SseEmitter.event().name("changed").data("incidents"));
            lastSent = now;
        } else if (now - lastSent >= properties.getHeartbeat().toNanos()) {
            sendAll(SseEmitter.event().comment("heartbeat"));
            lastSent = now;
        }
    }

    private void sendAll(SseEmitter.SseEventBuilder event) {
        for (SseEmitter stream : streams) {
            try {
                stream.send(event);
            } catch (IOException | IllegalStateException e) {
                // The client is gone (or the stream already completed): the container ends the request.
                streams.remove(stream);
            }
        }
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            // Caught so the schedule goes on: an escaping exception would silently stop all later checks.
            LOG.warn("Console live update check failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "console-live-updates");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.getCheckInterval().toMillis();
        checker.scheduleWithFixedDelay(this::checkSafely, period, period, TimeUnit.MILLISECONDS);
    }

    /** Stops before the web server's graceful shutdown, which would otherwise wait for every open stream. */
    @Override
    public synchronized void stop() {
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
        streams.forEach(SseEmitter::complete);
        streams.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return checker != null;
    }
}
