package io.aiopshub.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.aiopshub.analysis.anomaly.DetectorConfig;
import io.aiopshub.analysis.anomaly.SeriesAnomalyDetector;

class AnomalyDetectorTest {

    @Test
    void aSpikeInANoisySeriesScoresHighAndTheRestLow() {
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector(DetectorConfig.defaults());
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
        assertThat(maxNormal).isLessThan(0.45);
        assertThat(detector.update(160)).as("the same anomaly is not reported again at once").isLessThan(spike / 2);
    }

    @Test
    void warmUpScoresZeroAndNaNIsIgnored() {
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector(new DetectorConfig(50, 30, 4.0, 10));
        for (int i = 0; i < 30; i++) {
            assertThat(detector.update(i % 2 == 0 ? 1 : 1000)).isZero();
        }
        assertThat(detector.update(Double.NaN)).isZero();
    }

    @Test
    void sameInputSameScores() {
        SeriesAnomalyDetector a = new SeriesAnomalyDetector(DetectorConfig.defaults());
        SeriesAnomalyDetector b = new SeriesAnomalyDetector(DetectorConfig.defaults());
        for (int i = 0; i < 300; i++) {
            double v = Math.sin(i / 10.0) * 10 + (i == 250 ? 50 : 0);
            assertThat(a.update(v)).isEqualTo(b.update(v));
        }
    }
}
