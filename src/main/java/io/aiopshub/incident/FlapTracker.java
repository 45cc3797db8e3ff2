package io.aiopshub.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps an alert's recent firing/resolved transitions as a short comma-separated list of epoch seconds
 * (stored on the alert row) and decides whether the alert is flapping.
 */
public final class FlapTracker {

    private static final int MAX_KEPT = 32;

    private FlapTracker() { }

    public static String addTransition(String transitions, Instant at, Duration window) {
        List<Long> kept = new ArrayList<>(recent(transitions, at, window));
        kept.add(at.getEpochSecond());
        if (kept.size() > MAX_KEPT) {
            kept = kept.subList(kept.size() - MAX_KEPT, kept.size());
        }
        return String.join(",", kept.stream().map(String::valueOf).toList());
    }

    public static boolean isFlapping(String transitions, Instant now, RoutingPolicy.Flapping policy) {
        return recent(transitions, now, policy.window()).size() >= policy.transitions();
    }

    private static List<Long> recent(String transitions, Instant now, Duration window) {
        if (transitions == null || transitions.isBlank()) {
            return List.of();
        }
        long since = now.minus(window).getEpochSecond();
        return Arrays.stream(transitions.split(",")).map(Long::parseLong).filter(t -> t >= since).toList();
    }
}
