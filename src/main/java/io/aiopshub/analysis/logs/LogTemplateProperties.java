package io.aiopshub.analysis.logs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code aiops.logs.*}: template mining and the events it raises. */
@ConfigurationProperties(prefix = "aiops.logs")
public class LogTemplateProperties {

    /** Severity of the event raised for a new error template. */
    private String newErrorSeverity = "warning";
    /** A template's minute count must reach this multiple of its baseline to be a spike... */
    private double spikeFactor = 5.0;
    /** ...and at least this many lines. */
    private long spikeMinCount = 20;
    /** Minutes of history a template needs before it can spike. */
    private int spikeWarmupMinutes = 5;
    /** How long a spike event stays firing unless the spike repeats. */
    private Duration spikeDuration = Duration.ofMinutes(10);
    /** Example lines kept per template (redacted). */
    private int examplesPerTemplate = 3;

    public String getNewErrorSeverity() { return newErrorSeverity; }
    public void setNewErrorSeverity(String newErrorSeverity) { this.newErrorSeverity = newErrorSeverity; }
    public double getSpikeFactor() { return spikeFactor; }
    public void setSpikeFactor(double spikeFactor) { this.spikeFactor = spikeFactor; }
    public long getSpikeMinCount() { return spikeMinCount; }
    public void setSpikeMinCount(long spikeMinCount) { this.spikeMinCount = spikeMinCount; }
    public int getSpikeWarmupMinutes() { return spikeWarmupMinutes; }
    public void setSpikeWarmupMinutes(int spikeWarmupMinutes) { this.spikeWarmupMinutes = spikeWarmupMinutes; }
    public Duration getSpikeDuration() { return spikeDuration; }
    public void setSpikeDuration(Duration spikeDuration) { this.spikeDuration = spikeDuration; }
    public int getExamplesPerTemplate() { return examplesPerTemplate; }
    public void setExamplesPerTemplate(int examplesPerTemplate) { this.examplesPerTemplate = examplesPerTemplate; }
}
