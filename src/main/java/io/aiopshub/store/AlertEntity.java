package io.aiopshub.store;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** The current state of one alert (one fingerprint) inside one incident. */
@Entity
@Table(name = "alerts")
public class AlertEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alerts_seq")
    @SequenceGenerator(name = "alerts_seq", sequenceName = "alerts_seq", allocationSize = 50)
    private Long id;
    private String incidentId;
    private String fingerprint;
    private String source;
    private String status;
    private String severity;
    private String alertname;
    @Convert(converter = LabelsConverter.class)
    @Column(name = "labels_json")
    private Map<String, String> labels;
    @Convert(converter = LabelsConverter.class)
    @Column(name = "annotations_json")
    private Map<String, String> annotations;
    private Instant startsAt;
    private Instant endsAt;
    private String generatorUrl;
    private Instant firstSeenAt;
    private Instant lastReceivedAt;
    private Instant resolvedAt;
    private String silencedBy;
    private boolean inhibited;
    private String transitions = "";

    public Long getId() { return id; }
    public String getIncidentId() { return incidentId; }
    public void setIncidentId(String incidentId) { this.incidentId = incidentId; }
    public String getFingerprint() { return fingerprint; }
    public void setFingerprint(String fingerprint) { this.fingerprint = fingerprint; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getSeverity() { return severity; }
    public void setSeverity(String severity) { this.severity = severity; }
    public String getAlertname() { return alertname; }
    public void setAlertname(String alertname) { this.alertname = alertname; }
    public Map<String, String> getLabels() { return labels; }
    public void setLabels(Map<String, String> labels) { this.labels = labels; }
    public Map<String, String> getAnnotations() { return annotations; }
    public void setAnnotations(Map<String, String> annotations) { this.annotations = annotations; }
    public Instant getStartsAt() { return startsAt; }
    public void setStartsAt(Instant startsAt) { this.startsAt = startsAt; }
    public Instant getEndsAt() { return endsAt; }
    public void setEndsAt(Instant endsAt) { this.endsAt = endsAt; }
    public String getGeneratorUrl() { return generatorUrl; }
    public void setGeneratorUrl(String generatorUrl) { this.generatorUrl = generatorUrl; }
    public Instant getFirstSeenAt() { return firstSeenAt; }
    public void setFirstSeenAt(Instant firstSeenAt) { this.firstSeenAt = firstSeenAt; }
    public Instant getLastReceivedAt() { return lastReceivedAt; }
    public void setLastReceivedAt(Instant lastReceivedAt) { this.lastReceivedAt = lastReceivedAt; }
    public Instant getResolvedAt() { return resolvedAt; }
    public void setResolvedAt(Instant resolvedAt) { this.resolvedAt = resolvedAt; }
    public String getSilencedBy() { return silencedBy; }
    public void setSilencedBy(String silencedBy) { this.silencedBy = silencedBy; }
    public boolean isInhibited() { return inhibited; }
    public void setInhibited(boolean inhibited) { this.inhibited = inhibited; }
    public String getTransitions() { return transitions; }
    public void setTransitions(String transitions) { this.transitions = transitions; }

    public boolean isFiring() { return "firing".equals(status); }
}
