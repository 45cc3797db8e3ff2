package io.aiopshub.analysis.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NabScorerTest {

    private final NabScorer.Profile standard = NabScorer.Profile.all().get(0);

    /*
     * A NAB directory made for this test (src/test/resources/fixtures/anomaly-scoring; the full corpus is bench/run.sh nab):
     * three files of 20 rows, 5 minutes apart, so 3 rows of probation each; scores in results/numenta.
     *   synthetic/one_window.csv   window rows 10..14 (its start 00:47:30 falls between rows);
     *                              scores row 1 0.9 (probation), 5 0.7, 10 0.6, 12 0.8, 17 0.4
     *   synthetic/two_windows.csv  windows rows 6..8 and 14..17; scores row 8 0.5, 16 0.25, 19 0.2
     *   quiet/no_window.csv        no window; rows 4..15 score 0.27
     * With sigma(x) = 2/(1+e^(5x)) - 1 = tanh(-5x/2), a detection at row i of window [a,b] is worth
     * sigma(-(b-i+1)/(b-a+1)) / sigma(-1): row 10 of 10..14 -> 1, row 8 of 6..8 -> tanh(5/6)/tanh(5/2)
     * = 0.691518, row 16 of 14..17 -> tanh(5/4)/tanh(5/2) = 0.859793. A false positive before any window
     * costs fp; row 17, 3 rows after the end of a window 5 wide, costs fp * tanh(15/8) = fp * 0.954045.
     * Three windows: null score -3 fn, perfect 3 tp.
     */
    private static final double LATE_IN_SHORT_WINDOW = Math.tanh(5.0 / 6) / Math.tanh(2.5);
    private static final double MIDDLE_OF_WINDOW = Math.tanh(1.25) / Math.tanh(2.5);
    private static final double AFTER_WINDOW = Math.tanh(15.0 / 8);

    @Test
    void readsANabDirectoryAndScoresItAsNabDefinesIt() throws Exception {
        Path nab = Path.of(getClass().getResource("/fixtures/anomaly-scoring").toURI());
        Map<String, List<String[]>> windows = NabCorpus.windows(nab);
        List<NabScorer.File> numenta = new ArrayList<>();
        for (NabCorpus.Series series : NabCorpus.data(nab)) {
            assertThat(series.values()).hasSize(20);
            numenta.add(NabCorpus.file(series, windows.get(series.key()), NabCorpus.publishedScores(nab, "numenta", series.key())));
        }
        assertThat(windows).containsOnlyKeys("quiet/no_window.csv", "synthetic/one_window.csv", "synthetic/two_windows.csv");
        assertThat(numenta).hasSize(3);
        NabScorer.Profile lowFp = NabScorer.Profile.all().get(1);
        NabScorer.Profile lowFn = NabScorer.Profile.all().get(2);

        // Threshold 0.5: FP at row 5, window 10..14 from row 10, window 6..8 late at row 8, window 14..17 missed.
        assertThat(NabScorer.score(numenta, 0.5, standard).raw()).isCloseTo(-0.11 + 1 + LATE_IN_SHORT_WINDOW - 1, offset(1e-9));
        assertThat(NabScorer.score(numenta, 0.5, lowFp).raw()).isCloseTo(-0.22 + 1 + LATE_IN_SHORT_WINDOW - 1, offset(1e-9));
        assertThat(NabScorer.score(numenta, 0.5, lowFn).raw()).isCloseTo(-0.11 + 1 + LATE_IN_SHORT_WINDOW - 2, offset(1e-9));
        // (raw - null) / (perfect - null) * 100 = (0.581518 + 3) / 6 * 100
        assertThat(NabScorer.score(numenta, 0.5, standard).normalised()).isCloseTo(59.6920, offset(1e-4));

        // Threshold 0.25 also catches window 14..17 at row 16, at the price of row 17 and the 12 quiet rows.
        double standardAtQuarter = -0.11 + 1 - 0.11 * AFTER_WINDOW + LATE_IN_SHORT_WINDOW + MIDDLE_OF_WINDOW - 12 * 0.11;
        assertThat(NabScorer.score(numenta, 0.25, standard).raw()).isCloseTo(standardAtQuarter, offset(1e-9));
        assertThat(standardAtQuarter).isCloseTo(1.016366, offset(1e-6));

        // The best threshold depends on the costs: the 12 + 0.954045 false-positive weights that come with
        // the third window are worth it unless each costs 0.22 (12.954045 * 0.22 = 2.85 > 1 + 0.859793).
        NabScorer.Result bestStandard = NabScorer.optimise(numenta, standard);
        assertThat(bestStandard.threshold()).isGreaterThan(0.2).isLessThanOrEqualTo(0.25);
        assertThat(bestStandard.normalised()).isCloseTo((standardAtQuarter + 3) / 6 * 100, offset(1e-9));
        NabScorer.Result bestLowFp = NabScorer.optimise(numenta, lowFp);
        assertThat(bestLowFp.threshold()).isGreaterThan(0.4).isLessThanOrEqualTo(0.5);
        assertThat(bestLowFp.normalised()).isCloseTo((-0.22 + 1 + LATE_IN_SHORT_WINDOW - 1 + 3) / 6 * 100, offset(1e-9));
        NabScorer.Result bestLowFn = NabScorer.optimise(numenta, lowFn);
        assertThat(bestLowFn.threshold()).isGreaterThan(0.2).isLessThanOrEqualTo(0.25);
        assertThat(bestLowFn.raw()).isCloseTo(standardAtQuarter, offset(1e-9));
        assertThat(bestLowFn.normalised()).isCloseTo((standardAtQuarter + 6) / 9 * 100, offset(1e-9));
    }

    @Test
    void earlyDetectionInAWindowScoresMostAndAFalsePositiveFarAwayCostsTheFullWeight() {
        // 100 rows, probation 15; one window at rows 50..59
        double[] early = new double[100];
        early[50] = 1;
        double[] late = new double[100];
        late[59] = 1;
        double[] missed = new double[100];
        double[] falsePositive = new double[100];
        falsePositive[20] = 1;
        List<int[]> window = List.of(new int[] {50, 59});
        double earlyScore = NabScorer.score(new NabScorer.File(early, window), 0.5, standard);
        double lateScore = NabScorer.score(new NabScorer.File(late, window), 0.5, standard);
        assertThat(earlyScore).isCloseTo(1.0, offset(1e-9));
        assertThat(lateScore).isBetween(0.0, earlyScore);
        assertThat(NabScorer.score(new NabScorer.File(missed, window), 0.5, standard)).isEqualTo(-1.0);
        assertThat(NabScorer.score(new NabScorer.File(falsePositive, window), 0.5, standard))
                .as("FP before any window costs fpWeight, and the window is missed").isCloseTo(-0.11 - 1.0, offset(1e-9));
        double[] inProbation = new double[100];
        inProbation[5] = 1;
        assertThat(NabScorer.score(new NabScorer.File(inProbation, window), 0.5, standard)).isEqualTo(-1.0);
    }

    @Test
    void theOptimiserFindsANarrowOptimumBetweenAnyGridPointsAsNabsSweepDoes() {
        // 100 rows, probation 15, one window at rows 50..59. The detection at the window's first row scores
        // 0.612315, a false positive before it 0.61231: only a threshold in (0.61231, 0.612315] takes the
        // window without the false positive (raw 1.0); any coarser search finds 1 - 0.11 at best.
        double[] scores = new double[100];
        scores[30] = 0.61231;
        scores[50] = 0.612315;
        List<NabScorer.File> corpus = List.of(new NabScorer.File(scores, List.of(new int[] {50, 59})));
        NabScorer.Result best = NabScorer.optimise(corpus, standard);
        assertThat(best.threshold()).isEqualTo(0.612315);
        assertThat(best.raw()).isCloseTo(1.0, offset(1e-9));
        // Nothing worth detecting: the highest threshold, no detections, the null score.
        NabScorer.Result none = NabScorer.optimise(List.of(new NabScorer.File(new double[100], List.of(new int[] {50, 59}))), standard);
        assertThat(none.raw()).isEqualTo(-1.0);
        assertThat(none.normalised()).isZero();
    }
}
