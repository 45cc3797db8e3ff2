package io.aiopshub.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The checks added for NAB (seasonal, new range, recurring deviations) on synthetic series, and the verdicts' reasons. */
class SeriesAnomalyDetectorTest {

    private static final DetectorConfig DEFAULTS = DetectorConfig.defaults();
    private static final int DAY = 288; // 5-minute points

    private static double daily(int i, Random random) {
        return 50 + 30 * Math.sin(2 * Math.PI * i / DAY) + random.nextGaussian();
    }

    /** Indexes (from {@code from}) whose score reaches the alarm level. */
    private static List<Integer> alarms(SeriesAnomalyDetector detector, double[] series, int from) {
        List<Integer> alarms = new ArrayList<>();
        for (int i = 0; i < series.length; i++) {
            if (detector.update(series[i]) >= DEFAULTS.alarm() && i >= from) {
                alarms.add(i);
            }
        }
        return alarms;
    }

    @Test
    void aDailyPatternThatStaysFlatIsReportedAgainstItsSeasonalBaselineAndNormalDaysAreQuiet() {
        Random random = new Random(5);
        double[] series = new double[DAY * 12];
        for (int i = 0; i < series.length; i++) {
            // Day 9: from noon (where the pattern crosses its mean) the value stays at the daily mean
            // instead of following the pattern down: no step, no value outside the usual range.
            boolean flat = i >= DAY * 9 + DAY / 2 && i < DAY * 10;
            series[i] = flat ? 50 + random.nextGaussian() : daily(i, random);
        }
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector(DEFAULTS, DAY);
        List<Verdict> verdicts = new ArrayList<>();
        for (double value : series) {
            verdicts.add(detector.evaluate(value));
        }
        List<Integer> alarms = new ArrayList<>();
        for (int i = DAY; i < series.length; i++) {
            if (verdicts.get(i).score() >= DEFAULTS.alarm()) {
                alarms.add(i);
            }
        }
        int flatStart = DAY * 9 + DAY / 2;
        assertThat(alarms).as("nothing on eight normal days (after the first)").noneMatch(i -> i < flatStart);
        assertThat(alarms).as("the flat stretch, within two hours").anyMatch(i -> i >= flatStart && i < flatStart + 24);
        Verdict first = verdicts.get(alarms.get(0));
        assertThat(first.check()).isEqualTo(Verdict.Check.SEASONAL);
        assertThat(first.explain()).contains("above its seasonal baseline").contains("same time a day earlier");
        // (the pattern falls after noon; the flat values stay above it)
        // The level check alone (no season) sees nothing: the flat values are near the series' mean.
        assertThat(alarms(new SeriesAnomalyDetector(DEFAULTS), series, DAY)).noneMatch(i -> i >= flatStart && i < flatStart + 24);
    }

    @Test
    void spikesThatRecurAreNotNewsButAHigherOneIs() {
        Random random = new Random(9);
        double[] series = new double[6000];
        for (int i = 0; i < series.length; i++) {
            // A burst to about +40 every 150 points (bursty counts), and once a burst to +120.
            series[i] = 100 + random.nextGaussian() * 2 + (i % 150 == 0 ? 40 : 0) + (i == 5000 ? 120 : 0);
        }
        List<Integer> alarms = alarms(new SeriesAnomalyDetector(DEFAULTS), series, 1000);
        assertThat(alarms).as("the recurring bursts once seen, and the higher one").containsExactly(5000);
    }

    @Test
    void aValueBeyondTheRangeSeenSoFarIsReportedEvenWhenItsZScoreIsModest() {
        Random random = new Random(3);
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector(DEFAULTS);
        for (int i = 0; i < 3000; i++) {
            detector.update(random.nextDouble() * 100);
        }
        // Uniform on [0, 100]: 112 is only (112 - 50) / 29 = 2.1 standard deviations from the mean.
        Verdict verdict = detector.evaluate(112);
        assertThat(verdict.score()).isGreaterThanOrEqualTo(DEFAULTS.alarm());
        assertThat(verdict.check()).isEqualTo(Verdict.Check.NEW_RANGE);
        assertThat(verdict.baseline()).as("the highest value before").isGreaterThan(99.9).isLessThan(100);
        assertThat(verdict.explain()).contains("value 112.0 is outside the range seen so far, 12% of that range above its highest value");
        assertThat(detector.evaluate(106).score()).as("inside the margin of 5% of the range").isLessThan(DEFAULTS.alarm());
    }

    @Test
    void aSpikeInsideTheRangeIsExplainedByItsLevelDeviation() {
        Random random = new Random(13);
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector(DEFAULTS);
        for (int i = 0; i <= 200; i++) {
            detector.update(i); // an early ramp makes the range 0..200
        }
        for (int i = 0; i < 2500; i++) {
            detector.update(100 + random.nextGaussian());
        }
        Verdict verdict = detector.evaluate(160);
        assertThat(verdict.check()).isEqualTo(Verdict.Check.LEVEL);
        assertThat(verdict.score()).isGreaterThanOrEqualTo(DEFAULTS.alarm());
        // The standard deviation has a floor of 2% of the range (4): 60 / 4 = 15σ.
        assertThat(verdict.deviation()).isCloseTo(15, org.assertj.core.data.Offset.offset(0.3));
        assertThat(verdict.explain()).matches("value 160\\.0 is 1[45]\\.\\dσ above its baseline 100\\.0 \\(mean of the recent window\\)");
        assertThat(detector.last()).isSameAs(verdict);
    }

    @Test
    void plainNoiseRaisesFewAlarmsAndMemoryIsAsStated() {
        Random random = new Random(17);
        double[] noise = new double[50_000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 20 + random.nextGaussian() * 3;
        }
        assertThat(alarms(new SeriesAnomalyDetector(DEFAULTS, DAY), noise, 0)).as("alarms in 50,000 points of noise").hasSizeLessThanOrEqualTo(3);
        assertThat(DEFAULTS.bytesPerSeries(DAY)).isEqualTo(4L * (3 * 2000 + 288) + 256);
        assertThat(DEFAULTS.bytesPerSeries(100_000)).as("the season is capped").isEqualTo(4L * (3 * 2000 + SeriesAnomalyDetector.MAX_SEASON) + 256);
    }
}
