package io.aiopshub.store;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A silence: alerts matching all its matchers between start and end are stored but not notified. */
@Entity
@Table(name = "silences")
public class SilenceEntity {

    @Id
    private String id;
    private String matchersJson;
    private Instant startsAt;
    private Instant endsAt;
    private String createdBy;
    private String comment;
    private Instant createdAt;
    private Instant expiredAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMatchersJson() { return matchersJson; }
    public void setMatchersJson(String matchersJson) { this.matchersJson = matchersJson; }
    public Instant getStartsAt() { return startsAt; }
    public void setStartsAt(Instant startsAt) { this.startsAt = startsAt; }
    public Instant getEndsAt() { return endsAt; }
    public void setEndsAt(Instant endsAt) { this.endsAt = endsAt; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getExpiredAt() { return expiredAt; }
    public void setExpiredAt(Instant expiredAt) { this.expiredAt = expiredAt; }
}
