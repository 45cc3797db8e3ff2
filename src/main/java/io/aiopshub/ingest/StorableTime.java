package io.aiopshub.ingest;

import java.time.Instant;

/**
 * The times the hub accepts for alerts, events and log lines: from 1970-01-01 to the end of year 9999.
 * Both databases store these (PostgreSQL up to year 294276, H2 further), every conversion through
 * epoch milliseconds is exact, and nothing real lies outside. A year such as +999999999 would overflow
 * those conversions silently into a different date. Go's zero time (0001-01-01T00:00:00Z), which
 * Alertmanager sends for "no end", is read as "not set" before this check.
 */
public final class StorableTime {

    public static final Instant MIN = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");
    static final String RANGE = "the accepted range 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z";

    private StorableTime() { }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }
}
