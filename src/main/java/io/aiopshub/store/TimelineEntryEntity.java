package io.aiopshub.store;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One thing that happened to an incident, in the order it happened. */
@Entity
@Table(name = "timeline_entries")
public class TimelineEntryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String incidentId;
    private Instant at;
    private String kind;
    private String actor;
    private String detail;

    protected TimelineEntryEntity() { }

    public TimelineEntryEntity(String incidentId, Instant at, String kind, String actor, String detail) {
        this.incidentId = incidentId;
        this.at = at;
        this.kind = kind;
        this.actor = actor;
        this.detail = detail;
    }

    public Long getId() { return id; }
    public String getIncidentId() { return incidentId; }
    public Instant getAt() { return at; }
    public String getKind() { return kind; }
    public String getActor() { return actor; }
    public String getDetail() { return detail; }
}
