package io.aiopshub.analysis.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class NabScorerTest {

    private static final Path NAB = Path.of("..", "shared", "datasets", "nab");
    private final NabScorer.Profile standard = NabScorer.Profile.all().get(0);

    @Test
    void reproducesThePublishedNumentaScores() throws Exception {
        Map<String, List<String[]>> windows = NabCorpus.windows(NAB);
        List<NabScorer.File> numenta = new ArrayList<>();
        for (NabCorpus.Series series : NabCorpus.data(NAB)) {
            numenta.add(NabCorpus.file(series, windows.get(series.key()), NabCorpus.publishedScores(NAB, "numenta", series.key())));
        }
        JsonNode published = new ObjectMapper().readTree(NAB.resolve("results/final_results.json").toFile()).path("numenta");
        JsonNode thresholds = new ObjectMapper().readTree(NAB.resolve("config/thresholds.json").toFile()).path("numenta");
        for (NabScorer.Profile profile : NabScorer.Profile.all()) {
            NabScorer.Result atPublishedThreshold = NabScorer.score(numenta,
                    thresholds.path(profile.name()).path("threshold").asDouble(), profile);
            assertThat(atPublishedThreshold.raw()).as(profile.name() + " raw")
                    .isCloseTo(thresholds.path(profile.name()).path("score").asDouble(), offset(0.01));
            assertThat(atPublishedThreshold.normalised()).as(profile.name())
                    .isCloseTo(published.path(profile.name()).asDouble(), offset(0.5));
            assertThat(NabScorer.optimise(numenta, profile).normalised()).as(profile.name() + " optimised")
                    .isCloseTo(published.path(profile.name()).asDouble(), offset(0.5));
        }
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
}
