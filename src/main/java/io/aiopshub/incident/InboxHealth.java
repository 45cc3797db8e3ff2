package io.aiopshub.incident;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import io.aiopshub.store.AlertInbox;
import io.aiopshub.store.InboxDeadLetters;

/**
 * Health detail {@code inbox}: the backlog of accepted events and the events set aside as dead letters.
 * Stays UP with dead letters (the hub keeps applying everything else, and a restart would not help), but
 * says so in a {@code warning} detail.
 */
@Component("inbox")
public class InboxHealth implements HealthIndicator {

    private final AlertInbox inbox;
    private final InboxDeadLetters deadLetters;

    public InboxHealth(AlertInbox inbox, InboxDeadLetters deadLetters) {
        this.inbox = inbox;
        this.deadLetters = deadLetters;
    }

    @Override
    public Health health() {
        long dead = deadLetters.count();
        Health.Builder health = Health.up().withDetail("backlog", inbox.size()).withDetail("deadLetters", dead);
        if (dead > 0) {
            health.withDetail("warning", dead + " stored events could not be applied to incidents; "
                    + "see GET /api/v1/inbox/dead-letters");
        }
        return health.build();
    }
}
