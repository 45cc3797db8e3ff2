package io.aiopshub.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateRateTest {

    @Test
    void aMinuteFarAboveTheBaselineIsReportedOnce() {
        TemplateRate rate = new TemplateRate();
        for (long minute = 0; minute < 10; minute++) {
            for (int i = 0; i < 4; i++) {
                assertThat(rate.observe(minute, 5.0, 20, 5)).isFalse();
            }
        }
        int reports = 0;
        for (int i = 0; i < 100; i++) {
            if (rate.observe(10, 5.0, 20, 5)) {
                reports++;
                assertThat(rate.count()).as("reported when it crosses 5 x baseline 4").isEqualTo(20);
            }
        }
        assertThat(reports).isEqualTo(1);
    }

    @Test
    void noSpikeDuringWarmUpOrBelowTheMinimumCount() {
        TemplateRate rate = new TemplateRate();
        boolean any = false;
        for (int i = 0; i < 50; i++) {
            any |= rate.observe(0, 5.0, 20, 5);
        }
        assertThat(any).as("first minute has no baseline").isFalse();
        TemplateRate quiet = new TemplateRate();
        for (long minute = 0; minute < 10; minute++) {
            quiet.observe(minute, 5.0, 20, 5);
        }
        boolean small = false;
        for (int i = 0; i < 10; i++) {
            small |= quiet.observe(11, 5.0, 20, 5);
        }
        assertThat(small).as("10 lines is below the minimum of 20").isFalse();
    }
}
