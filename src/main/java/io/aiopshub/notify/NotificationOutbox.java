package io.aiopshub.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.config.HubMetrics;
import io.aiopshub.config.HubProperties;
import io.aiopshub.incident.IncidentTimeline;
import io.aiopshub.redact.Redactor;
import io.aiopshub.store.NotificationEntity;
import io.aiopshub.store.NotificationRepository;

/**
 * The notification outbox. Decisions to notify are written here in the same transaction as the incident
 * change that caused them; delivery reads them back, so a restart neither loses nor repeats a decision.
 * Retries back off exponentially and are durable; after the last attempt a row becomes a dead letter.
 *
 * <p>The outbox is the one way into every channel, so it is where messages are redacted: a message is
 * stored redacted and redacted again when read back (rows written before redaction existed), so no
 * channel, the log fallback and the dead-letter API included, ever sees a secret a label, an annotation
 * or an ad-hoc message carried.
 */
@Component
public class NotificationOutbox {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NotificationOutbox.class);

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String SKIPPED = "SKIPPED";
    public static final String DEAD = "DEAD";

    /** One claimed notification, handed to a channel route. */
    public record Delivery(long id, String channel, int attempt, NotificationMessage message) { }

    /** A dead letter as the API shows it. */
    public record FailedNotification(long id, String incidentId, String channel, String kind, int attempts,
                                     String lastError, Instant createdAt, Instant failedAt, NotificationMessage message) { }

    /** Claimed rows are invisible to other claims for this long; a crash mid-delivery retries after it. */
    private static final Duration CLAIM_LEASE = Duration.ofSeconds(60);

    private final NotificationRepository repository;
    private final IncidentTimeline timeline;
    private final ObjectMapper json;
    private final HubMetrics metrics;
    private final Clock clock;
    private final HubProperties.Notify settings;
    private final Redactor redactor;

    public NotificationOutbox(NotificationRepository repository, IncidentTimeline timeline, ObjectMapper json,
                              HubMetrics metrics, Clock clock, HubProperties properties, Redactor redactor) {
        this.redactor = redactor;
        this.repository = repository;
        this.timeline = timeline;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = properties.getNotify();
    }

    /** Queues one message per channel; joins the caller's transaction. */
    @Transactional
    public List<Long> enqueue(NotificationMessage message, Collection<String> channels) {
        Instant now = clock.instant();
        String content = write(message);
        List<Long> ids = new ArrayList<>();
        for (String channel : channels) {
            NotificationEntity row = new NotificationEntity();
            row.setIncidentId(message.incidentId());
            row.setChannel(channel);
            row.setKind(message.kind().name());
            row.setStatus(PENDING);
            row.setNextAttemptAt(now);
            row.setContentJson(content);
            row.setCreatedAt(now);
            row.setUpdatedAt(now);
            ids.add(repository.save(row).getId());
        }
        return ids;
    }

    /** Takes due notifications and leases them, so the next poll does not take them again. */
    @Transactional
    public List<Delivery> claimDue(int limit) {
        Instant now = clock.instant();
        List<NotificationEntity> due = repository.findByStatusAndNextAttemptAtLessThanEqualOrderById(
                PENDING, now, PageRequest.of(0, limit));
        List<Delivery> deliveries = new ArrayList<>(due.size());
        for (NotificationEntity row : due) {
            if (repository.claim(row.getId(), row.getNextAttemptAt(), now.plus(CLAIM_LEASE), now) == 1) {
                deliveries.add(new Delivery(row.getId(), row.getChannel(), row.getAttempts() + 1, read(row.getContentJson())));
            }
        }
        return deliveries;
    }

    @Transactional
    public void markSent(Delivery delivery) {
        NotificationEntity row = row(delivery);
        if (row == null) {
            return;
        }
        Instant now = clock.instant();
        row.setStatus(SENT);
        row.setSentAt(now);
        row.setUpdatedAt(now);
        row.setLastError(null);
        metrics.notification(delivery.channel(), "sent");
        recordOutcome(row, "sent", null);
    }

    @Transactional
    public void markSkipped(Delivery delivery, String reason) {
        NotificationEntity row = row(delivery);
        if (row == null) {
            return;
        }
        row.setStatus(SKIPPED);
        row.setLastError(reason);
        row.setUpdatedAt(clock.instant());
        metrics.notification(delivery.channel(), "skipped");
        recordOutcome(row, "skipped", reason);
    }

    /** A failed attempt: retried after an exponential backoff, or a dead letter after the last attempt. */
    @Transactional
    public void markFailed(Delivery delivery, String error) {
        NotificationEntity row = row(delivery);
        if (row == null) {
            return;
        }
        Instant now = clock.instant();
        String reason = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
        row.setLastError(reason);
        row.setUpdatedAt(now);
        if (row.getAttempts() >= settings.getMaxAttempts()) {
            row.setStatus(DEAD);
            metrics.notification(delivery.channel(), "dead");
            recordOutcome(row, "dead", reason);
        } else {
            row.setNextAttemptAt(now.plus(backoff(row.getAttempts())));
            metrics.notification(delivery.channel(), "failed");
            recordOutcome(row, "failed", reason);
        }
    }

    /** The channel's breaker is open: no call was made, so the attempt does not count. */
    @Transactional
    public void markDeferred(Delivery delivery) {
        NotificationEntity row = row(delivery);
        if (row == null) {
            return;
        }
        Instant now = clock.instant();
        row.setAttempts(Math.max(0, row.getAttempts() - 1));
        row.setNextAttemptAt(now.plus(settings.getBreakerOpenDelay()));
        row.setUpdatedAt(now);
        metrics.notification(delivery.channel(), "deferred");
    }

    /**
     * Queues a dead letter again, with the full number of attempts, as the API and the console's Retry
     * button ask; the incident's timeline records who did it. False when there is no dead letter with this
     * id (never was, or already queued again).
     */
    @Transactional
    public boolean retry(long id, String by) {
        if (repository.requeueDead(id, clock.instant()) == 0) {
            return false;
        }
        NotificationEntity row = repository.findById(id).orElseThrow();
        if (row.getIncidentId() != null) {
            timeline.record(row.getIncidentId(), IncidentTimeline.NOTIFICATION, by,
                    "channel=" + row.getChannel() + " kind=" + row.getKind() + " outcome=requeued");
        }
        LOG.info("Notification {} ({}) queued again by {}", id, row.getChannel(), by);
        return true;
    }

    public List<FailedNotification> failed(int page, int size) {
        return repository.findByStatusOrderByIdDesc(DEAD, PageRequest.of(page, size)).stream()
                .map(row -> new FailedNotification(row.getId(), row.getIncidentId(), row.getChannel(), row.getKind(),
                        row.getAttempts(), redactor.redact(row.getLastError()), row.getCreatedAt(), row.getUpdatedAt(),
                        read(row.getContentJson())))
                .toList();
    }

    /** The row being delivered; null if it was deleted meanwhile (retention clean-up, tests). */
    private NotificationEntity row(Delivery delivery) {
        NotificationEntity row = repository.findById(delivery.id()).orElse(null);
        if (row == null) {
            LOG.warn("Notification {} vanished while it was being delivered; outcome not recorded", delivery.id());
        }
        return row;
    }

    Duration backoff(int attempts) {
        Duration delay = settings.getInitialBackoff().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return delay.compareTo(settings.getMaxBackoff()) > 0 ? settings.getMaxBackoff() : delay;
    }

    private void recordOutcome(NotificationEntity row, String outcome, String error) {
        if (row.getIncidentId() == null) {
            return;
        }
        String detail = "channel=" + row.getChannel() + " kind=" + row.getKind() + " outcome=" + outcome
                + " attempt=" + row.getAttempts() + (error == null ? "" : " error=" + error);
        timeline.record(row.getIncidentId(), IncidentTimeline.NOTIFICATION, null, detail);
    }

    private String write(NotificationMessage message) {
        try {
            return json.writeValueAsString(message.redacted(redactor));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification not serialisable", e);
        }
    }

    private NotificationMessage read(String content) {
        try {
            return json.readValue(content, NotificationMessage.class).redacted(redactor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notification unreadable", e);
        }
    }
}
