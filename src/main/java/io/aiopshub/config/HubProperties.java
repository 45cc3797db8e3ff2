package io.aiopshub.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code aiops.*}. Every default here is the embedded default documented in README.
 */
@ConfigurationProperties(prefix = "aiops")
public class HubProperties {

    private final Ingest ingest = new Ingest();
    private final Routing routing = new Routing();
    private final Notify notify = new Notify();
    private final Redis redis = new Redis();

    public Redis getRedis() { return redis; }
    public Ingest getIngest() { return ingest; }
    public Routing getRouting() { return routing; }
    public Notify getNotify() { return notify; }

    public static class Ingest {
        /** Largest accepted request body; larger ones get 413. */
        private DataSize maxBodySize = DataSize.ofMegabytes(5);
        /** Most alerts accepted in one request. */
        private int maxAlertsPerRequest = 10_000;
        /** A firing alert re-sent with an unchanged state is stored again only when its endsAt moved by more than this. */
        private Duration refreshInterval = Duration.ofMinutes(1);
        /** endsAt given to a firing alert that has none (Alertmanager's resolve_timeout). */
        private Duration resolveTimeout = Duration.ofMinutes(5);
        /** How often the inbox of accepted events is applied to incidents. */
        private Duration processInterval = Duration.ofMillis(200);
        /**
         * Inbox events applied in one transaction: the size a batch starts at and never goes below. With a
         * backlog the engine takes larger batches, up to {@link #processBatchMaxSize}, as long as one takes
         * about {@link #processBatchTarget} (it holds the inbox lock and its incidents' row locks that long).
         */
        private int processBatchSize = 1000;
        /** The largest batch; equal to {@link #processBatchSize} for a fixed size. */
        private int processBatchMaxSize = 10_000;
        /** About how long one batch may hold its locks when the engine sizes batches to a backlog. */
        private Duration processBatchTarget = Duration.ofMillis(500);
        /** Log lines waiting for template mining; in process, beyond this the API answers 429; in Redis, the stream's cap. */
        private int logQueueCapacity = 100_000;
        /** This instance's name in the Redis consumer group; unique per instance. */
        private String logConsumerName = "hub-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        /** Lines a consumer took but did not acknowledge for this long are taken over by another. */
        private Duration logReclaimAfter = Duration.ofSeconds(60);

        public String getLogConsumerName() { return logConsumerName; }
        public void setLogConsumerName(String logConsumerName) { this.logConsumerName = logConsumerName; }
        public Duration getLogReclaimAfter() { return logReclaimAfter; }
        public void setLogReclaimAfter(Duration logReclaimAfter) { this.logReclaimAfter = logReclaimAfter; }

        public int getLogQueueCapacity() { return logQueueCapacity; }
        public void setLogQueueCapacity(int logQueueCapacity) { this.logQueueCapacity = logQueueCapacity; }

        /** Label names left out of an alert's fingerprint (e.g. a pod name that changes on restart). */
        private java.util.Set<String> ignoreLabels = new java.util.HashSet<>();

        public java.util.Set<String> getIgnoreLabels() { return ignoreLabels; }
        public void setIgnoreLabels(java.util.Set<String> ignoreLabels) { this.ignoreLabels = ignoreLabels; }

        public DataSize getMaxBodySize() { return maxBodySize; }
        public void setMaxBodySize(DataSize maxBodySize) { this.maxBodySize = maxBodySize; }
        public int getMaxAlertsPerRequest() { return maxAlertsPerRequest; }
        public void setMaxAlertsPerRequest(int maxAlertsPerRequest) { this.maxAlertsPerRequest = maxAlertsPerRequest; }
        public Duration getRefreshInterval() { return refreshInterval; }
        public void setRefreshInterval(Duration refreshInterval) { this.refreshInterval = refreshInterval; }
        public Duration getResolveTimeout() { return resolveTimeout; }
        public void setResolveTimeout(Duration resolveTimeout) { this.resolveTimeout = resolveTimeout; }
        public Duration getProcessInterval() { return processInterval; }
        public void setProcessInterval(Duration processInterval) { this.processInterval = processInterval; }
        public int getProcessBatchSize() { return processBatchSize; }
        public void setProcessBatchSize(int processBatchSize) { this.processBatchSize = processBatchSize; }
        public int getProcessBatchMaxSize() { return processBatchMaxSize; }
        public void setProcessBatchMaxSize(int processBatchMaxSize) { this.processBatchMaxSize = processBatchMaxSize; }
        public Duration getProcessBatchTarget() { return processBatchTarget; }
        public void setProcessBatchTarget(Duration processBatchTarget) { this.processBatchTarget = processBatchTarget; }
    }

    public static class Routing {
        /** Alert routing, grouping, inhibition and flapping policy (YAML). Falls back to the bundled default. */
        private String file = "config/alert-routing.yaml";
        /** How often open incidents are checked for due notifications. */
        private Duration dispatchInterval = Duration.ofSeconds(1);
        /** Apply edits of the routing file without a restart (checked first; a broken file changes nothing). */
        private boolean reload = true;
        /** How often the routing file is checked for edits. */
        private Duration pollInterval = Duration.ofSeconds(2);

        public String getFile() { return file; }
        public void setFile(String file) { this.file = file; }
        public boolean isReload() { return reload; }
        public void setReload(boolean reload) { this.reload = reload; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        public Duration getDispatchInterval() { return dispatchInterval; }
        public void setDispatchInterval(Duration dispatchInterval) { this.dispatchInterval = dispatchInterval; }
    }

    public static class Notify {
        /** Delivery attempts before a notification becomes a dead letter. */
        private int maxAttempts = 5;
        /** First retry delay; doubled after every failed attempt. */
        private Duration initialBackoff = Duration.ofSeconds(2);
        /** Upper bound of the retry delay. */
        private Duration maxBackoff = Duration.ofMinutes(5);
        /** How often the outbox is polled for due notifications, in milliseconds. */
        private long pollInterval = 500;
        /** How long a notification waits before it is tried again while its channel's breaker is open. */
        private Duration breakerOpenDelay = Duration.ofSeconds(5);

        public long getPollInterval() { return pollInterval; }
        public void setPollInterval(long pollInterval) { this.pollInterval = pollInterval; }
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getInitialBackoff() { return initialBackoff; }
        public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
        public Duration getMaxBackoff() { return maxBackoff; }
        public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
        public Duration getBreakerOpenDelay() { return breakerOpenDelay; }
        public void setBreakerOpenDelay(Duration breakerOpenDelay) { this.breakerOpenDelay = breakerOpenDelay; }
    }

    /**
     * Redis, used only when {@code url} is set. Every call is bounded by the timeouts and goes through
     * one circuit breaker: while Redis is unavailable the hub runs degraded (dedup from the database,
     * log lines refused with 503) instead of waiting for it.
     */
    public static class Redis {
        /** redis://[user:password@]host:port[/db]; empty: no Redis (the embedded default). */
        private String url = "";
        /** Longest wait for a TCP connection to Redis. */
        private Duration connectTimeout = Duration.ofMillis(500);
        /** Longest wait for one command (or one pipeline) to be answered. */
        private Duration commandTimeout = Duration.ofSeconds(1);
        /** Upper bound of the (exponential) delay between reconnect attempts after Redis went away. */
        private Duration reconnectMaxDelay = Duration.ofSeconds(1);
        /** While the breaker is open, how long Redis is left alone before one call probes it again. */
        private Duration probeInterval = Duration.ofSeconds(5);
        /** Dedup states stored during an outage that are written to Redis once it is back; beyond this all dedup keys are dropped instead. */
        private int replayLimit = 100_000;

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getCommandTimeout() { return commandTimeout; }
        public void setCommandTimeout(Duration commandTimeout) { this.commandTimeout = commandTimeout; }
        public Duration getReconnectMaxDelay() { return reconnectMaxDelay; }
        public void setReconnectMaxDelay(Duration reconnectMaxDelay) { this.reconnectMaxDelay = reconnectMaxDelay; }
        public Duration getProbeInterval() { return probeInterval; }
        public void setProbeInterval(Duration probeInterval) { this.probeInterval = probeInterval; }
        public int getReplayLimit() { return replayLimit; }
        public void setReplayLimit(int replayLimit) { this.replayLimit = replayLimit; }
    }
}
