package io.aiopshub.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code aiops.console.live.*}: the incident list's live updates (server-sent events); defaults documented in application.yml. */
@ConfigurationProperties(prefix = "aiops.console.live")
public class ConsoleLiveProperties {

    /** Most event streams open at once (one per open incident list); beyond it a page falls back to polling. */
    private int maxStreams = 100;
    /** A stream is closed after this long; the browser reconnects, which checks its session again. */
    private Duration streamTimeout = Duration.ofMinutes(10);
    /** How often one shared check looks for incident changes (one query for all streams, none while no stream is open). */
    private Duration checkInterval = Duration.ofSeconds(1);
    /** A comment is sent this often on a quiet stream, so proxies keep it open and dead clients are noticed. */
    private Duration heartbeat = Duration.ofSeconds(20);
    /** The browser waits this long before reconnecting a dropped stream. */
    private Duration reconnectDelay = Duration.ofSeconds(3);
    /** While a page has no stream (refused, failed, or no EventSource), it re-fetches its rows this often. */
    private Duration fallbackPoll = Duration.ofSeconds(15);

    public int getMaxStreams() { return maxStreams; }
    public void setMaxStreams(int maxStreams) { this.maxStreams = maxStreams; }
    public Duration getStreamTimeout() { return streamTimeout; }
    public void setStreamTimeout(Duration streamTimeout) { this.streamTimeout = streamTimeout; }
    public Duration getCheckInterval() { return checkInterval; }
    public void setCheckInterval(Duration checkInterval) { this.checkInterval = checkInterval; }
    public Duration getHeartbeat() { return heartbeat; }
    public void setHeartbeat(Duration heartbeat) { this.heartbeat = heartbeat; }
    public Duration getReconnectDelay() { return reconnectDelay; }
    public void setReconnectDelay(Duration reconnectDelay) { this.reconnectDelay = reconnectDelay; }
    public Duration getFallbackPoll() { return fallbackPoll; }
    public void setFallbackPoll(Duration fallbackPoll) { this.fallbackPoll = fallbackPoll; }
}
