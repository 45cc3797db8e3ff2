package io.aiopshub.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Exchanges per minute from two readings of a route's total: the one taken now and the oldest kept from
 * the last {@link #WINDOW} (the page and its 5-second refresh take the readings, so no timer runs for this
 * and Camel's load-statistics thread can stay off). Before there are two readings, and after a route was
 * reloaded (its counters start again), the rate is the average since the route started.
 */
@Component
public class RouteRates {

    /** How far back the older reading may lie. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** Readings closer together than this give no rate of their own (too noisy). */
    static final Duration MIN_SPAN = Duration.ofSeconds(2);
    /** Routes are few (tens), but ids of removed routes must not pile up for ever. */
    static final int MAX_ROUTES = 1000;

    /** A rate and what it was measured over. */
    public record Rate(Double perMinute, String since) { }

    private record Reading(Instant at, long total, long uptimeMillis) { }

    private final Clock clock;
    private final Map<String, Deque<Reading>> readings = new ConcurrentHashMap<>();

    public RouteRates(Clock clock) {
        this.clock = clock;
    }

    /** Records this reading of the route and answers its rate. */
    public Rate rate(String routeId, long total, long uptimeMillis) {
        Instant now = clock.instant();
        if (readings.size() >= MAX_ROUTES && !readings.containsKey(routeId)) {
            readings.clear();
        }
        Deque<Reading> kept = readings.computeIfAbsent(routeId, id -> new ArrayDeque<>());
        synchronized (kept) {
            Reading last = kept.peekLast();
            if (last != null && (total < last.total() || uptimeMillis < last.uptimeMillis())) {
                kept.clear();
            }
            while (!kept.isEmpty() && kept.peekFirst().at().isBefore(now.minus(WINDOW))) {
                kept.removeFirst();
            }
            kept.addLast(new Reading(now, total, uptimeMillis));
            Reading first = kept.peekFirst();
            Duration span = Duration.between(first.at(), now);
            if (span.compareTo(MIN_SPAN) >= 0) {
                return new Rate(perMinute(total - first.total(), span.toMillis()), "last " + rounded(span));
            }
            if (uptimeMillis <= 0) {
                return new Rate(null, "");
            }
            return new Rate(perMinute(total, uptimeMillis), "since start");
        }
    }

    private static double perMinute(long exchanges, long millis) {
        return exchanges * 60_000.0 / millis;
    }

    private static String rounded(Duration span) {
        long seconds = span.toSeconds();
        return seconds < 120 ? seconds + " s" : span.toMinutes() + " min";
    }
}
