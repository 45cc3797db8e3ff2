package io.aiopshub.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.aiopshub.analysis.anomaly.DetectorConfig;
import io.aiopshub.analysis.anomaly.SeriesAnomalyDetector;
import io.aiopshub.analysis.anomaly.Verdict;

class AnomalyDetectorTest {

    private static final double ALARM = DetectorConfig.defaults().alarm();

    /**
     * The defaults without the new-range check: these tests are about the z-score checks, and a young
     * series of Gaussian noise now and then sets a new extreme beyond the margin (SeriesAnomalyDetectorTest
     * covers that check and the defaults on long noise).
     */
    private static DetectorConfig zChecksOnly() {
        DetectorConfig d = DetectorConfig.defaults();
        return new DetectorConfig(d.window(), d.warmup(), d.shortWindow(), d.shortExponent(), d.floor(), d.scale(), d.alarm(),
                d.refractory(), d.damp(), d.repeats(), d.repeatRatio(), 0, d.rangeWarmup(), d.rangeScore(), d.seasonalRatio());
    }

    @Test
    void aSpikeInANoisySeriesScoresHighAndTheRestLow() {
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector(zChecksOnly());
        Random random = new Random(7);
        double maxNormal = 0;
        for (int i = 0; i < 700; i++) {
            double score = detector.update(100 + random.nextGaussian() * 2);
            if (i > 100) {
                maxNormal = Math.max(maxNormal, score);
            }
        }
        double spike = detector.update(160);
        assertThat(spike).isGreaterThan(0.7);
        assertThat(maxNormal).isLessThan(0.45).isLessThan(ALARM);
        assertThat(detector.update(160)).as("the same anomaly is not reported again at once").isLessThan(spike / 2);
    }

    @Test
    void aLevelShiftIsReportedWithinAFewPointsThoughNoSinglePointIsExtreme() {
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector(zChecksOnly());
        Random random = new Random(11);
        double maxNormal = 0;
        for (int i = 0; i < 1000; i++) {
            double score = detector.update(100 + random.nextGaussian());
            if (i > 100) {
                maxNormal = Math.max(maxNormal, score);
            }
        }
        assertThat(maxNormal).isLessThan(ALARM);
        int firstAlarm = -1;
        Verdict alarm = null;
        for (int i = 0; i < 40 && firstAlarm < 0; i++) {
            // 2.5 standard deviations up, inside the range seen so far: a single such point alone scores
            // 2.5 / (2.5 + 10), far below the alarm level; the mean of the last 15 values gets there.
            Verdict verdict = detector.evaluate(102.5 + random.nextGaussian() * 0.1);
            if (verdict.score() >= ALARM) {
                firstAlarm = i;
                alarm = verdict;
            }
        }
        assertThat(firstAlarm).as("points after the shift until the first alarm").isBetween(1, 14);
        assertThat(alarm.check()).isEqualTo(Verdict.Check.SHORT_MEAN);
        assertThat(alarm.explain()).contains("above its baseline 100.0").contains("level shift");
    }

    @Test
    void recurringJumpsOfASquareWaveAreNotReportedOnceSeen() {
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector(DetectorConfig.defaults());
        double maxLate = 0;
        for (int i = 0; i < 4000; i++) {
            double score = detector.update(i % 288 < 108 ? 80 : 20);
            if (i > 1500) {
                maxLate = Math.max(maxLate, score);
            }
        }
        assertThat(maxLate).isLessThan(ALARM);
    }

    @Test
    void aTinyChangeAfterAFlatStretchIsJudgedAgainstTheSeriesRange() {
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector(new DetectorConfig(100, 10, 5, 0.5, 0.01, 10, 0.4, 50, 0.5, 2, 0.8, 0, 0, 0.9, 0));
        for (int i = 0; i < 50; i++) {
            detector.update(i % 2 == 0 ? 0 : 100);
        }
        for (int i = 0; i < 300; i++) {
            detector.update(50);
        }
        assertThat(detector.update(50.5)).as("0.5 on a range of 100").isLessThan(0.1);
        assertThat(detector.update(150)).isGreaterThan(ALARM);
    }

    @Test
    void warmUpScoresZeroAndNaNIsIgnored() {
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector(new DetectorConfig(50, 30, 5, 0.5, 0.01, 4.0, 0.5, 10, 0.25, 2, 0.8, 0.05, 0, 0.9, 0.5));
        for (int i = 0; i < 30; i++) {
            assertThat(detector.update(i % 2 == 0 ? 1 : 1000)).isZero();
        }
        assertThat(detector.update(Double.NaN)).isZero();
        assertThat(detector.update(Double.POSITIVE_INFINITY)).isZero();
    }

    @Test
    void sameInputSameScores() {
        SeriesAnomalyDetector a = new SeriesAnomalyDetector(DetectorConfig.defaults());
        SeriesAnomalyDetector b = new SeriesAnomalyDetector(DetectorConfig.defaults());
        for (int i = 0; i < 300; i++) {
            double v = Math.sin(i / 10.0) * 10 + (i == 250 ? 50 : 0);
            double score = a.update(v);
            assertThat(score).isEqualTo(b.update(v)).isBetween(0.0, 1.0).isLessThan(1.0);
        }
    }

    @Test
    void invalidConfigsAreRejected() {
        assertThatThrownBy(() -> new DetectorConfig(1, 0, 1, 0.5, 0.01, 10, 0.4, 10, 0.5, 2, 0.8, 0.05, 300, 0.9, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DetectorConfig(10, 0, 20, 0.5, 0.01, 10, 0.4, 10, 0.5, 2, 0.8, 0.05, 300, 0.9, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
