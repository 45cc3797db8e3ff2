package io.aiopshub.store;

import java.time.Duration;
import java.time.Instant;

/** The one rule both dedup stores apply, on the compact form they keep: "status|startMillis|endMillis". */
final class DedupDecision {

    private DedupDecision() { }

    static String encode(DedupStore.AlertState state) {
        return state.stateKey() + "|" + (state.endsAt() == null ? "" : state.endsAt().toEpochMilli());
    }

    static boolean mustStore(String remembered, DedupStore.AlertState incoming, Duration refreshInterval) {
        if (remembered == null) {
            return true;
        }
        int last = remembered.lastIndexOf('|');
        if (!remembered.substring(0, last).equals(incoming.stateKey())) {
            return true;
        }
        String endText = remembered.substring(last + 1);
        Instant storedEnd = endText.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(endText));
        if (storedEnd == null || incoming.endsAt() == null) {
            return storedEnd != incoming.endsAt();
        }
        return Duration.between(storedEnd, incoming.endsAt()).abs().compareTo(refreshInterval) > 0;
    }
}
