package io.aiopshub.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FlapTrackerTest {

    private final RoutingPolicy.Flapping policy = new RoutingPolicy.Flapping(4, Duration.ofMinutes(10));
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void fourTransitionsWithinTheWindowIsFlappingAndOldOnesAgeOut() {
        String transitions = "";
        for (int i = 0; i < 3; i++) {
            transitions = FlapTracker.addTransition(transitions, t0.plusSeconds(60L * i), policy.window());
        }
        assertThat(FlapTracker.isFlapping(transitions, t0.plusSeconds(180), policy)).isFalse();
        transitions = FlapTracker.addTransition(transitions, t0.plusSeconds(240), policy.window());
        assertThat(FlapTracker.isFlapping(transitions, t0.plusSeconds(240), policy)).isTrue();
        assertThat(FlapTracker.isFlapping(transitions, t0.plusSeconds(240 + 660), policy)).isFalse();
    }

    @Test
    void historyIsBounded() {
        String transitions = "";
        for (int i = 0; i < 100; i++) {
            transitions = FlapTracker.addTransition(transitions, t0.plusSeconds(i), Duration.ofHours(1));
        }
        assertThat(transitions.split(",")).hasSize(32);
    }
}
