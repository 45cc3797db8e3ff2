package io.aiopshub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aiopshub.analysis.anomaly.DetectorConfig;
import io.aiopshub.analysis.anomaly.SeriesAnomalyDetector;
import io.aiopshub.analysis.nab.NabCorpus;
import io.aiopshub.analysis.nab.NabScorer;

/**
 * {@code bench/run.sh nab DIR}: the hub's streaming detector on the Numenta Anomaly Benchmark, one
 * parameter set ({@link DetectorConfig#defaults()}), each series seen once in time order, the threshold
 * chosen once per profile over the whole corpus. Also prints the published Numenta HTM outputs scored
 * by the same scorer, as a check of the scorer. Last line: {@code NAB standard <x> low_FP <x> low_FN <x>}.
 */
public final class NabBenchmark {

    private NabBenchmark() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: NabBenchmark DIR");
        }
        run(Path.of(args[0]), System.out);
    }

    static void run(Path nab, PrintStream out) throws IOException {
        Map<String, List<String[]>> windows = NabCorpus.windows(nab);
        List<NabCorpus.Series> data = NabCorpus.data(nab);
        List<NabScorer.File> ours = new ArrayList<>();
        List<NabScorer.File> numenta = new ArrayList<>();
        long start = System.nanoTime();
        long points = 0;
        for (NabCorpus.Series series : data) {
            SeriesAnomalyDetector detector = new SeriesAnomalyDetector(DetectorConfig.defaults());
            double[] scores = new double[series.values().length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = detector.update(series.values()[i]);
            }
            points += scores.length;
            ours.add(NabCorpus.file(series, windows.get(series.key()), scores));
            numenta.add(NabCorpus.file(series, windows.get(series.key()), NabCorpus.publishedScores(nab, "numenta", series.key())));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("%d files, %d points, detector %.0f points/s%n", data.size(), points, points / seconds);
        out.printf("%-22s %-10s %10s %10s %10s %10s%n", "profile", "detector", "threshold", "raw", "null", "score");
        double[] scores = new double[3];
        int i = 0;
        for (NabScorer.Profile profile : NabScorer.Profile.all()) {
            NabScorer.Result reference = NabScorer.optimise(numenta, profile);
            NabScorer.Result result = NabScorer.optimise(ours, profile);
            out.printf("%-22s %-10s %10.4f %10.2f %10.2f %10.1f%n", profile.name(), "numenta", reference.threshold(),
                    reference.raw(), reference.nullScore(), reference.normalised());
            out.printf("%-22s %-10s %10.4f %10.2f %10.2f %10.1f%n", profile.name(), "aiops-hub", result.threshold(),
                    result.raw(), result.nullScore(), result.normalised());
            scores[i++] = result.normalised();
        }
        out.printf("NAB standard %.1f low_FP %.1f low_FN %.1f%n", scores[0], scores[1], scores[2]);
    }
}
