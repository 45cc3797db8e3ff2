package io.aiopshub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.aiopshub.store.DedupStore.AlertState;
import io.aiopshub.support.MutableClock;

class DedupStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryDedupStore store = new InMemoryDedupStore(Duration.ofMinutes(1), Duration.ofMinutes(30), 3, clock);
    private final Instant start = Instant.parse("2025-12-31T23:00:00Z");

    @Test
    void unchangedRepeatIsNotStoredButAChangedStateIs() {
        AlertState firing = new AlertState("fp", "firing", start, clock.instant().plusSeconds(240));
        assertThat(store.mustStore(List.of(firing))).containsExactly(true);
        store.remember(List.of(firing));
        assertThat(store.mustStore(List.of(firing))).containsExactly(false);
        assertThat(store.mustStore(List.of(new AlertState("fp", "resolved", start, clock.instant())))).containsExactly(true);
        assertThat(store.mustStore(List.of(new AlertState("fp", "firing", start.plusSeconds(1), firing.endsAt()))))
                .as("a new startsAt is a new occurrence").containsExactly(true);
    }

    @Test
    void endsAtMovingBeyondTheRefreshIntervalIsStoredSoTheAlertDoesNotExpire() {
        AlertState firing = new AlertState("fp", "firing", start, clock.instant().plusSeconds(240));
        store.remember(List.of(firing));
        assertThat(store.mustStore(List.of(new AlertState("fp", "firing", start, firing.endsAt().plusSeconds(30)))))
                .containsExactly(false);
        assertThat(store.mustStore(List.of(new AlertState("fp", "firing", start, firing.endsAt().plusSeconds(90)))))
                .containsExactly(true);
    }

    @Test
    void entriesExpireAndTheStoreStaysBounded() {
        AlertState a = new AlertState("a", "firing", start, null);
        store.remember(List.of(a));
        clock.advance(Duration.ofMinutes(31));
        assertThat(store.mustStore(List.of(a))).containsExactly(true);
        store.remember(List.of(new AlertState("b", "firing", start, null), new AlertState("c", "firing", start, null),
                new AlertState("d", "firing", start, null), new AlertState("e", "firing", start, null)));
        assertThat(store.mustStore(List.of(new AlertState("e", "firing", start, null)))).containsExactly(false);
    }
}
