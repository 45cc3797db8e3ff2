package io.aiopshub.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class EngineBatchSizerTest {

    @Test
    void batchesGrowTowardsTheTimeTargetWhileEventsAreCheapAndStopAtTheMaximum() {
        EngineBatchSizer sizer = new EngineBatchSizer(1000, 10_000, Duration.ofMillis(500));
        assertThat(sizer.next()).isEqualTo(1000);
        // 100 µs per event: 5,000 would take the 500 ms target.
        sizer.observed(1000, 1000, Duration.ofMillis(100));
        assertThat(sizer.next()).as("halfway from 1,000 to 5,000").isEqualTo(3000);
        sizer.observed(3000, 3000, Duration.ofMillis(300));
        assertThat(sizer.next()).isEqualTo(4000);
        for (int i = 0; i < 20; i++) {
            sizer.observed(sizer.next(), sizer.next(), Duration.ofNanos(100_000L * sizer.next()));
        }
        assertThat(sizer.next()).isBetween(4990, 5000);

        // 10 µs per event: 50,000 would fit, 10,000 is the most.
        for (int i = 0; i < 20; i++) {
            sizer.observed(sizer.next(), sizer.next(), Duration.ofNanos(10_000L * sizer.next()));
        }
        assertThat(sizer.next()).isEqualTo(10_000);
    }

    @Test
    void whenEachEventCostsMoreTheBatchesShrinkBackButNotBelowTheMinimum() {
        EngineBatchSizer sizer = new EngineBatchSizer(1000, 10_000, Duration.ofMillis(500));
        for (int i = 0; i < 20; i++) {
            sizer.observed(sizer.next(), sizer.next(), Duration.ofNanos(50_000L * sizer.next()));
        }
        assertThat(sizer.next()).isEqualTo(10_000);
        // The machine got busy: 1 ms per event, a batch of 10,000 held its locks for 10 s.
        sizer.observed(10_000, 10_000, Duration.ofSeconds(10));
        assertThat(sizer.next()).isEqualTo(5250);
        sizer.observed(5250, 5250, Duration.ofMillis(5250));
        assertThat(sizer.next()).isEqualTo(2875);
        for (int i = 0; i < 20; i++) {
            sizer.observed(sizer.next(), sizer.next(), Duration.ofMillis(sizer.next()));
        }
        assertThat(sizer.next()).isEqualTo(1000);
    }

    @Test
    void aSmallBatchSaysNothingAboutAFullOneAndAnEmptyTickChangesNothing() {
        EngineBatchSizer sizer = new EngineBatchSizer(1000, 10_000, Duration.ofMillis(500));
        sizer.observed(1000, 1000, Duration.ofMillis(100));
        assertThat(sizer.next()).isEqualTo(3000);
        // A trickle: 12 events that took 30 ms (mostly the commit) would otherwise read as 2.5 ms per event.
        sizer.observed(3000, 12, Duration.ofMillis(30));
        sizer.observed(3000, 0, Duration.ofMillis(1));
        assertThat(sizer.next()).isEqualTo(3000);
    }

    @Test
    void equalMinimumAndMaximumIsAFixedSize() {
        EngineBatchSizer sizer = new EngineBatchSizer(1000, 1000, Duration.ofMillis(500));
        sizer.observed(1000, 1000, Duration.ofMillis(1));
        assertThat(sizer.next()).isEqualTo(1000);
        sizer.observed(1000, 1000, Duration.ofSeconds(30));
        assertThat(sizer.next()).isEqualTo(1000);
    }

    @Test
    void settingsThatCannotWorkAreRefusedAtStart() {
        assertThatThrownBy(() -> new EngineBatchSizer(0, 10, Duration.ofMillis(500))).hasMessageContaining("min");
        assertThatThrownBy(() -> new EngineBatchSizer(100, 10, Duration.ofMillis(500))).hasMessageContaining("max 10");
        assertThatThrownBy(() -> new EngineBatchSizer(1, 10, Duration.ZERO)).hasMessageContaining("positive");
    }
}
