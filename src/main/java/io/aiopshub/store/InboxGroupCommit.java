package io.aiopshub.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.aiopshub.store.AlertInbox.NewEvent;

/**
 * Group commit for the ingest path: concurrent requests' inbox inserts share one transaction, so many
 * requests cost one durable commit (one file write) instead of one each. Every caller still returns only
 * once the transaction holding its own events has committed, so a 202 keeps meaning "durably stored".
 * <p>
 * No thread of its own: a caller queues its events and takes the writer lock; whoever holds it commits
 * everything queued so far (its own and other callers'), and a caller whose events were committed while
 * it waited returns at once. While one commit runs, the next group gathers. If a group's transaction
 * fails, each caller's events are tried again in a transaction of their own, so one request's bad events
 * never fail another request.
 */
@Component
public class InboxGroupCommit {

    private record Pending(List<NewEvent> events, CompletableFuture<Void> done) { }

    private final AlertInbox inbox;
    private final TransactionTemplate transaction;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();

    public InboxGroupCommit(AlertInbox inbox, TransactionTemplate transaction) {
        this.inbox = inbox;
        this.transaction = transaction;
    }

    /**
     * Stores the events durably. Inside a caller's transaction they simply join it (the caller's commit
     * decides); otherwise they go in the next group commit, and this returns after it committed.
     */
    public void append(List<NewEvent> events) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            inbox.append(events);
            return;
        }
        Pending own = new Pending(events, new CompletableFuture<>());
        queue.add(own);
        writer.lock();
        try {
            if (!own.done().isDone()) {
                commitQueued();
            }
        } finally {
            writer.unlock();
        }
        try {
            own.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** How many callers' events wait for the next commit. */
    int waitingCallers() {
        return queue.size();
    }

    /** Under the writer lock: commits every queued caller's events in one transaction. */
    private void commitQueued() {
        List<Pending> group = new ArrayList<>();
        List<NewEvent> all = new ArrayList<>();
        for (Pending next = queue.poll(); next != null; next = queue.poll()) {
            group.add(next);
            all.addAll(next.events());
        }
        try {
            transaction.executeWithoutResult(status -> inbox.append(all));
            group.forEach(p -> p.done().complete(null));
        } catch (RuntimeException | Error failure) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(failure);
                return;
            }
            for (Pending p : group) {
                try {
                    transaction.executeWithoutResult(status -> inbox.append(p.events()));
                    p.done().complete(null);
                } catch (RuntimeException | Error alone) {
                    p.done().completeExceptionally(alone);
                }
            }
        }
    }
}
