package io.aiopshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.aiopshub.support.MutableClock;

class RouteRatesTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    final RouteRates rates = new RouteRates(clock);

    @Test
    void theFirstReadingGivesTheAverageSinceTheRouteStarted() {
        RouteRates.Rate rate = rates.rate("ingest", 30, Duration.ofMinutes(10).toMillis());
        assertThat(rate.perMinute()).isEqualTo(3.0);
        assertThat(rate.since()).isEqualTo("since start");
    }

    @Test
    void twoReadingsGiveTheRateBetweenThemAndOldReadingsAgeOut() {
        rates.rate("ingest", 100, 600_000);
        clock.advance(Duration.ofSeconds(30));
        RouteRates.Rate rate = rates.rate("ingest", 160, 630_000);
        assertThat(rate.perMinute()).isEqualTo(120.0);
        assertThat(rate.since()).isEqualTo("last 30 s");

        clock.advance(Duration.ofMinutes(6));
        rates.rate("ingest", 160, 990_000);
        clock.advance(Duration.ofSeconds(10));
        // Only readings of the last 5 minutes count: the burst 6 minutes ago no longer does.
        assertThat(rates.rate("ingest", 161, 1_000_000).perMinute()).isEqualTo(6.0);
    }

    @Test
    void aReloadedRouteStartsCountingAgain() {
        rates.rate("ingest", 500, 600_000);
        clock.advance(Duration.ofSeconds(30));
        RouteRates.Rate afterReload = rates.rate("ingest", 4, 20_000);
        assertThat(afterReload.perMinute()).isEqualTo(12.0);
        assertThat(afterReload.since()).isEqualTo("since start");
    }
}
