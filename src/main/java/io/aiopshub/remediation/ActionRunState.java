package io.aiopshub.remediation;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The states of an action run and the moves between them. Every move is a compare-and-set in the
 * database ({@code update ... where id = ? and state = ?}); a move not listed here is a bug.
 *
 * <pre>
 * proposed -> awaiting_approval -> approved -> running -> verifying -> succeeded
 *        \          |   \             |          |    \         \-> failed -> (rollback) rolled_back
 *         \-> approved   \-> rejected  \-> cancelled  \-> failed
 *                         \-> expired | cancelled
 * running | verifying, lease lost (the instance died) -> outcome_unknown
 * </pre>
 */
public enum ActionRunState {
    PROPOSED, AWAITING_APPROVAL, APPROVED, RUNNING, VERIFYING,
    SUCCEEDED, FAILED, ROLLED_BACK, REJECTED, EXPIRED, CANCELLED, OUTCOME_UNKNOWN;

    private static final Set<ActionRunState> FINAL =
            EnumSet.of(SUCCEEDED, FAILED, ROLLED_BACK, REJECTED, EXPIRED, CANCELLED, OUTCOME_UNKNOWN);

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** Whether {@code this -> next} is a legal move. */
    public boolean canMoveTo(ActionRunState next) {
        return switch (this) {
            case PROPOSED -> EnumSet.of(AWAITING_APPROVAL, APPROVED, CANCELLED, FAILED).contains(next);
            case AWAITING_APPROVAL -> EnumSet.of(APPROVED, REJECTED, EXPIRED, CANCELLED).contains(next);
            case APPROVED -> EnumSet.of(RUNNING, CANCELLED, EXPIRED).contains(next);
            case RUNNING -> EnumSet.of(VERIFYING, SUCCEEDED, FAILED, OUTCOME_UNKNOWN).contains(next);
            case VERIFYING -> EnumSet.of(SUCCEEDED, FAILED, ROLLED_BACK, OUTCOME_UNKNOWN).contains(next);
            case FAILED, SUCCEEDED, ROLLED_BACK, REJECTED, EXPIRED, CANCELLED, OUTCOME_UNKNOWN -> false;
        };
    }

    /** The name stored in the database and shown by the API: {@code awaiting_approval}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionRunState of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
