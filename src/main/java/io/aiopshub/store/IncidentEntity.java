package io.aiopshub.store;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One aggregation group's life from its first firing alert until all its alerts resolve. */
@Entity
@Table(name = "incidents")
public class IncidentEntity {

    @Id
    private String id;
    private String groupKey;
    private String groupKeyHash;
    private String openGroupKey;
    private String routeId;
    private String status;
    private String severity;
    private String title;
    private String service;
    @Convert(converter = LabelsConverter.class)
    @Column(name = "group_labels_json")
    private Map<String, String> groupLabels;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant resolvedAt;
    private Instant nextFlushAt;
    private Instant lastNotifiedAt;
    /** Sorted fingerprints of the firing alerts in the last notification; null before the first one. */
    private String lastNotifiedFiring;
    private boolean flapping;
    private String ackedBy;
    private Instant ackedAt;
    private String ackComment;
    /** Written by the correlation only (plain SQL); read here for the API. */
    @Column(name = "correlation_group_id", insertable = false, updatable = false)
    private String correlationGroupId;
    @Version
    private Long version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getGroupKey() { return groupKey; }
    public void setGroupKey(String groupKey) { this.groupKey = groupKey; }
    public String getGroupKeyHash() { return groupKeyHash; }
    public void setGroupKeyHash(String groupKeyHash) { this.groupKeyHash = groupKeyHash; }
    public String getOpenGroupKey() { return openGroupKey; }
    public void setOpenGroupKey(String openGroupKey) { this.openGroupKey = openGroupKey; }
    public String getRouteId() { return routeId; }
    public void setRouteId(String routeId) { this.routeId = routeId; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getSeverity() { return severity; }
    public void setSeverity(String severity) { this.severity = severity; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getService() { return service; }
    public void setService(String service) { this.service = service; }
    public Map<String, String> getGroupLabels() { return groupLabels; }
    public void setGroupLabels(Map<String, String> groupLabels) { this.groupLabels = groupLabels; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public Instant getResolvedAt() { return resolvedAt; }
    public void setResolvedAt(Instant resolvedAt) { this.resolvedAt = resolvedAt; }
    public Instant getNextFlushAt() { return nextFlushAt; }
    public void setNextFlushAt(Instant nextFlushAt) { this.nextFlushAt = nextFlushAt; }
    public Instant getLastNotifiedAt() { return lastNotifiedAt; }
    public void setLastNotifiedAt(Instant lastNotifiedAt) { this.lastNotifiedAt = lastNotifiedAt; }
    public String getLastNotifiedFiring() { return lastNotifiedFiring; }
    public void setLastNotifiedFiring(String lastNotifiedFiring) { this.lastNotifiedFiring = lastNotifiedFiring; }
    public boolean isFlapping() { return flapping; }
    public void setFlapping(boolean flapping) { this.flapping = flapping; }
    public String getAckedBy() { return ackedBy; }
    public void setAckedBy(String ackedBy) { this.ackedBy = ackedBy; }
    public Instant getAckedAt() { return ackedAt; }
    public void setAckedAt(Instant ackedAt) { this.ackedAt = ackedAt; }
    public String getAckComment() { return ackComment; }
    public void setAckComment(String ackComment) { this.ackComment = ackComment; }
    public Long getVersion() { return version; }
    public String getCorrelationGroupId() { return correlationGroupId; }
}
