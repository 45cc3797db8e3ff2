package io.aiopshub.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code aiops.retention.*}: how long finished things are kept before the retention job deletes them. */
@ConfigurationProperties(prefix = "aiops.retention")
public class RetentionProperties {

    /** Resolved incidents, with their alerts, timeline, evidence, analyses and notifications. */
    private Duration resolvedIncidents = Duration.ofDays(90);
    /** Silences after they ended or were expired. */
    private Duration endedSilences = Duration.ofDays(30);
    /** Log templates not seen for this long (a template seen again is mined anew). */
    private Duration idleLogTemplates = Duration.ofDays(30);
    /** Inbox dead letters (events the incident engine could not apply) after they were set aside. */
    private Duration deadLetters = Duration.ofDays(30);
    /** Incidents deleted per run at most, so one run never holds a long transaction. */
    private int batchSize = 500;
    /** Milliseconds between runs (read by routes/retention.yaml). */
    private long intervalMillis = 3_600_000;

    public Duration getResolvedIncidents() { return resolvedIncidents; }
    public void setResolvedIncidents(Duration resolvedIncidents) { this.resolvedIncidents = resolvedIncidents; }
    public Duration getEndedSilences() { return endedSilences; }
    public void setEndedSilences(Duration endedSilences) { this.endedSilences = endedSilences; }
    public Duration getIdleLogTemplates() { return idleLogTemplates; }
    public void setIdleLogTemplates(Duration idleLogTemplates) { this.idleLogTemplates = idleLogTemplates; }
    public Duration getDeadLetters() { return deadLetters; }
    public void setDeadLetters(Duration deadLetters) { this.deadLetters = deadLetters; }
    public long getIntervalMillis() { return intervalMillis; }
    public void setIntervalMillis(long intervalMillis) { this.intervalMillis = intervalMillis; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
}
