package io.aiopshub.incident;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.aiopshub.config.HubMetrics;
import io.aiopshub.redact.Redactor;
import io.aiopshub.store.AlertInbox;
import io.aiopshub.store.AlertInbox.InboxEvent;
import io.aiopshub.store.InboxDeadLetters;
import io.aiopshub.store.TransientFailures;

/**
 * Takes stored events off the inbox for the incident engine, exactly once: applying events and deleting
 * them from the inbox happen in one transaction, under the inbox lock that keeps two instances apart.
 * Normally a whole batch goes in one transaction. When a batch fails for a reason that will not pass
 * (not a lost connection or a lock conflict), its events are applied one by one, each in its own
 * transaction, and an event that fails alone is moved to the dead letters with its error, in its own
 * transaction too: one event that cannot be applied never holds up the events behind it.
 */
@Component
public class InboxBatches {

    /** Applies events within the caller's transaction; throws if they cannot be applied. */
    @FunctionalInterface
    public interface Applier {
        void apply(List<InboxEvent> events);
    }

    private static final Logger LOG = LoggerFactory.getLogger(InboxBatches.class);

    private final AlertInbox inbox;
    private final InboxDeadLetters deadLetters;
    private final TransactionTemplate transaction;
    private final HubMetrics metrics;
    private final Clock clock;
    private final Redactor redactor;

    public InboxBatches(AlertInbox inbox, InboxDeadLetters deadLetters, TransactionTemplate transaction,
                        HubMetrics metrics, Clock clock, Redactor redactor) {
        this.redactor = redactor;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.transaction = transaction;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies up to {@code batchSize} of the oldest events; returns how many left the inbox (applied or set aside). */
    public int take(int batchSize, Applier applier) {
        // Looked at without the lock first: taking it is a write (a commit to disk on H2), five times a
        // second on an idle hub.
        if (inbox.oldestId().isEmpty()) {
            return 0;
        }
        try {
            Integer taken = transaction.execute(status -> takeBatch(batchSize, applier));
            return taken == null ? 0 : taken;
        } catch (RuntimeException failure) {
            if (TransientFailures.isTransient(failure)) {
                throw failure;
            }
            LOG.warn("Applying a batch of stored events failed ({}); applying them one by one", describe(failure));
            return oneByOne(batchSize, applier);
        }
    }

    private int takeBatch(int limit, Applier applier) {
        inbox.lock();
        List<InboxEvent> events = inbox.oldest(limit);
        if (events.isEmpty()) {
            return 0;
        }
        applier.apply(events);
        inbox.delete(events);
        return events.size();
    }

    private int oneByOne(int limit, Applier applier) {
        int taken = 0;
        while (taken < limit) {
            OptionalLong next = inbox.oldestId();
            if (next.isEmpty()) {
                break;
            }
            long id = next.getAsLong();
            try {
                transaction.executeWithoutResult(status -> {
                    inbox.lock();
                    // Another instance may have taken it between the two reads.
                    inbox.find(id).ifPresent(event -> {
                        applier.apply(List.of(event));
                        inbox.delete(List.of(event));
                    });
                });
            } catch (RuntimeException failure) {
                if (TransientFailures.isTransient(failure)) {
                    throw failure;
                }
                setAside(id, failure);
            }
            taken++;
        }
        return taken;
    }

    private void setAside(long id, RuntimeException failure) {
        String error = redactor.redact(describe(failure));
        Boolean moved = transaction.execute(status -> {
            inbox.lock();
            return deadLetters.moveFromInbox(id, error, clock.instant());
        });
        if (Boolean.TRUE.equals(moved)) {
            metrics.inboxDeadLetters(1);
            LOG.error("Stored event {} cannot be applied and was moved to the dead letters "
                    + "(GET /api/v1/inbox/dead-letters): {}", id, error);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
