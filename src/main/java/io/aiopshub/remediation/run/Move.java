package io.aiopshub.remediation.run;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import io.aiopshub.remediation.ActionRunState;

/**
 * One compare-and-set of a run's state: {@code from -> to}, by whom and why, and the columns it sets on the
 * way. {@link #heldBy} adds "and this instance still holds the run"; {@link #leaseExpiredBefore} adds "and
 * its lease ran out before then" (the sweeper's condition), so a late renewal and a recovery cannot both win.
 */
public final class Move {

    private final ActionRunState from;
    private final ActionRunState to;
    private String actor;
    private String reason;
    private String holder;
    private Instant leaseExpiredBefore;
    private final Map<RunColumn, Object> columns = new EnumMap<>(RunColumn.class);

    private Move(ActionRunState from, ActionRunState to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException("an action run cannot move from " + from.id() + " to " + to.id());
        }
        this.from = from;
        this.to = to;
    }

    public static Move of(ActionRunState from, ActionRunState to) {
        return new Move(from, to);
    }

    public Move by(String actor) {
        this.actor = actor;
        return this;
    }

    public Move because(String reason) {
        this.reason = reason;
        return this;
    }

    public Move heldBy(String instance) {
        this.holder = instance;
        return this;
    }

    public Move leaseExpiredBefore(Instant instant) {
        this.leaseExpiredBefore = instant;
        return this;
    }

    public Move set(RunColumn column, Object value) {
        columns.put(column, value);
        return this;
    }

    public ActionRunState from() { return from; }
    public ActionRunState to() { return to; }
    public String actor() { return actor; }
    public String reason() { return reason; }
    public String holder() { return holder; }
    public Instant leaseExpiredBefore() { return leaseExpiredBefore; }
    public Map<RunColumn, Object> columns() { return Collections.unmodifiableMap(columns); }
}
