package io.aiopshub.correlation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code aiops.correlation.*}: linking related incidents into groups; defaults documented in application.yml. */
@ConfigurationProperties(prefix = "aiops.correlation")
public class CorrelationProperties {

    /** Link related incidents into groups; off, every incident is analysed alone. */
    private boolean enabled = true;
    /** Two incidents can be linked when their active times (start to resolution, or now) come this close. */
    private Duration window = Duration.ofMinutes(15);
    /** Log evidence and change events are looked for from this long before the group's first start ... */
    private Duration evidenceBefore = Duration.ofMinutes(30);
    /** ... to this long after its last activity. */
    private Duration evidenceAfter = Duration.ofMinutes(10);
    /** Evidence is never looked for further back than this from now, however long a group has been firing. */
    private Duration evidenceLookback = Duration.ofHours(6);
    /** Most log templates and most change events one group context carries. */
    private int maxLogEvidence = 20;
    private int maxChanges = 20;
    /** Two services seen together in this many groups are related from then on (co-occurrence history). */
    private int coOccurrenceThreshold = 3;
    /** A symptom incident sends no notification of its own while its root is firing; the root's lists it. */
    private boolean foldSymptomNotifications = false;
    /** Log template activity (minute counts of error/warning templates) is kept this long. */
    private Duration activityRetention = Duration.ofDays(2);
    /** Label names whose value names a service the alert's service depends on. */
    private List<String> dependencyLabels = new ArrayList<>(List.of("peer_service", "peer.service", "db", "db_name",
            "database", "upstream", "upstream_service", "target_service", "destination_service", "remote_service",
            "dependency"));
    /** Label names whose value names a service that depends on the alert's service (its caller). */
    private List<String> dependentLabels = new ArrayList<>(List.of("downstream", "downstream_service", "source_service",
            "client_service"));
    private final Topology topology = new Topology();

    public static class Topology {
        /** Services, what each depends on and where it runs (YAML). Missing: no configured topology. */
        private String file = "config/topology.yaml";
        /** Apply edits of the topology file without a restart (a broken edit keeps the topology in force). */
        private boolean reload = true;
        private Duration pollInterval = Duration.ofSeconds(2);

        public String getFile() { return file; }
        public void setFile(String file) { this.file = file; }
        public boolean isReload() { return reload; }
        public void setReload(boolean reload) { this.reload = reload; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Duration getWindow() { return window; }
    public void setWindow(Duration window) { this.window = window; }
    public Duration getEvidenceBefore() { return evidenceBefore; }
    public void setEvidenceBefore(Duration evidenceBefore) { this.evidenceBefore = evidenceBefore; }
    public Duration getEvidenceAfter() { return evidenceAfter; }
    public void setEvidenceAfter(Duration evidenceAfter) { this.evidenceAfter = evidenceAfter; }
    public Duration getEvidenceLookback() { return evidenceLookback; }
    public void setEvidenceLookback(Duration evidenceLookback) { this.evidenceLookback = evidenceLookback; }
    public int getMaxLogEvidence() { return maxLogEvidence; }
    public void setMaxLogEvidence(int maxLogEvidence) { this.maxLogEvidence = maxLogEvidence; }
    public int getMaxChanges() { return maxChanges; }
    public void setMaxChanges(int maxChanges) { this.maxChanges = maxChanges; }
    public int getCoOccurrenceThreshold() { return coOccurrenceThreshold; }
    public void setCoOccurrenceThreshold(int coOccurrenceThreshold) { this.coOccurrenceThreshold = coOccurrenceThreshold; }
    public boolean isFoldSymptomNotifications() { return foldSymptomNotifications; }
    public void setFoldSymptomNotifications(boolean fold) { this.foldSymptomNotifications = fold; }
    public Duration getActivityRetention() { return activityRetention; }
    public void setActivityRetention(Duration activityRetention) { this.activityRetention = activityRetention; }
    public List<String> getDependencyLabels() { return dependencyLabels; }
    public void setDependencyLabels(List<String> dependencyLabels) { this.dependencyLabels = dependencyLabels; }
    public List<String> getDependentLabels() { return dependentLabels; }
    public void setDependentLabels(List<String> dependentLabels) { this.dependentLabels = dependentLabels; }
    public Topology getTopology() { return topology; }
}
