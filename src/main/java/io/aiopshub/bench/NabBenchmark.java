package io.aiopshub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aiopshub.analysis.anomaly.DetectorConfig;
import io.aiopshub.analysis.anomaly.SeriesAnomalyDetector;
import io.aiopshub.analysis.nab.NabCorpus;
import io.aiopshub.analysis.nab.NabScorer;

/**
 * {@code bench/run.sh nab DIR}: the hub's streaming detector on the Numenta Anomaly Benchmark, one
 * parameter set ({@link DetectorConfig#defaults()}), each series seen once in time order, the threshold
 * chosen once per profile over the whole corpus (as NAB's optimiser does). Also prints the published
 * Numenta HTM outputs scored by the same scorer, as a check of the scorer, and a split check: three
 * parameters tuned on half of the NAB categories, scored on the other half.
 * Line {@code NAB standard <x> low_FP <x> low_FN <x>} carries the detector's figures.
 */
public final class NabBenchmark {

    /** The split check's first half (the rest of the categories is the second). */
    static final Set<String> HALF_A = Set.of("artificialNoAnomaly", "artificialWithAnomaly", "realAWSCloudwatch", "realAdExchange");

    private NabBenchmark() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: NabBenchmark DIR");
        }
        run(Path.of(args[0]), System.out);
    }

    /** Points per day at the series' sampling interval (from its first two timestamps: no look-ahead). */
    static int seasonPoints(NabCorpus.Series series) {
        if (series.timestamps().size() < 2) {
            return 0;
        }
        long seconds = Duration.between(series.timestamps().get(0), series.timestamps().get(1)).getSeconds();
        return seconds <= 0 ? 0 : (int) Math.round(86400.0 / seconds);
    }

    static List<NabScorer.File> detect(List<NabCorpus.Series> data, Map<String, List<String[]>> windows, DetectorConfig config) {
        List<NabScorer.File> files = new ArrayList<>();
        for (NabCorpus.Series series : data) {
            SeriesAnomalyDetector detector = new SeriesAnomalyDetector(config, seasonPoints(series));
            double[] scores = new double[series.values().length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = detector.update(series.values()[i]);
            }
            files.add(NabCorpus.file(series, windows.get(series.key()), scores));
        }
        return files;
    }

    static void run(Path nab, PrintStream out) throws IOException {
        Map<String, List<String[]>> windows = NabCorpus.windows(nab);
        List<NabCorpus.Series> data = NabCorpus.data(nab);
        long points = data.stream().mapToLong(s -> s.values().length).sum();
        // Warm up the JIT, then time the detector alone (reading and scoring are not in the timed part).
        detect(data, windows, DetectorConfig.defaults());
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        List<NabScorer.File> ours = detect(data, windows, DetectorConfig.defaults());
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        List<NabScorer.File> numenta = new ArrayList<>();
        for (NabCorpus.Series series : data) {
            numenta.add(NabCorpus.file(series, windows.get(series.key()), NabCorpus.publishedScores(nab, "numenta", series.key())));
        }
        DetectorConfig config = DetectorConfig.defaults();
        out.printf("%d files, %d points, detector %.0f points/s on one thread by wall clock, %.0f by the thread's CPU time;"
                + " %d bytes per series at 288 points a day%n", data.size(), points, points / seconds, points / cpuSeconds,
                config.bytesPerSeries(288));
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
        splitCheck(data, windows, out);
    }

    /**
     * Tunes refractory, scale and range tolerance (27 combinations around the defaults) on one half of
     * the categories by its standard score, then scores the other half with that set and with the
     * thresholds chosen on the tuning half; beside it the defaults on the held-out half (thresholds
     * chosen on that half, i.e. in-sample).
     */
    static void splitCheck(List<NabCorpus.Series> data, Map<String, List<String[]>> windows, PrintStream out) {
        List<DetectorConfig> grid = new ArrayList<>();
        DetectorConfig d = DetectorConfig.defaults();
        for (int refractory : new int[] {400, 500, 600}) {
            for (double scale : new double[] {9, 10, 11}) {
                for (double tolerance : new double[] {0.03, 0.05, 0.1}) {
                    grid.add(new DetectorConfig(d.window(), d.warmup(), d.shortWindow(), d.shortExponent(), d.floor(), scale,
                            d.alarm(), refractory, d.damp(), d.repeats(), d.repeatRatio(), tolerance, d.rangeWarmup(),
                            d.rangeScore(), d.seasonalRatio()));
                }
            }
        }
        List<Boolean> inA = data.stream().map(s -> HALF_A.contains(s.key().split("/")[0])).toList();
        List<List<NabScorer.File>> runs = grid.stream().map(c -> detect(data, windows, c)).toList();
        List<NabScorer.File> defaults = detect(data, windows, d);
        for (boolean tuneOnA : new boolean[] {true, false}) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < grid.size(); c++) {
                double score = NabScorer.optimise(half(runs.get(c), inA, tuneOnA), NabScorer.Profile.all().get(0)).normalised();
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            DetectorConfig chosen = grid.get(best);
            StringBuilder heldOut = new StringBuilder();
            StringBuilder defaultsTransferred = new StringBuilder();
            StringBuilder inSample = new StringBuilder();
            for (NabScorer.Profile profile : NabScorer.Profile.all()) {
                double threshold = NabScorer.optimise(half(runs.get(best), inA, tuneOnA), profile).threshold();
                heldOut.append(String.format(" %.1f", NabScorer.score(half(runs.get(best), inA, !tuneOnA), threshold, profile).normalised()));
                double defaultThreshold = NabScorer.optimise(half(defaults, inA, tuneOnA), profile).threshold();
                defaultsTransferred.append(String.format(" %.1f",
                        NabScorer.score(half(defaults, inA, !tuneOnA), defaultThreshold, profile).normalised()));
                inSample.append(String.format(" %.1f", NabScorer.optimise(half(defaults, inA, !tuneOnA), profile).normalised()));
            }
            out.printf("split: tuned on %s (refractory %d, scale %.0f, range tolerance %.2f; standard %.1f there); "
                    + "held-out half standard/low_FP/low_FN%s; defaults with the tuning half's thresholds%s;"
                    + " defaults with the held-out half's own thresholds%s%n",
                    tuneOnA ? "A (artificial*, realAWSCloudwatch, realAdExchange)" : "B (realKnownCause, realTraffic, realTweets)",
                    chosen.refractory(), chosen.scale(), chosen.rangeTolerance(), bestScore, heldOut, defaultsTransferred, inSample);
        }
    }

    private static List<NabScorer.File> half(List<NabScorer.File> files, List<Boolean> inA, boolean a) {
        List<NabScorer.File> half = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (inA.get(i) == a) {
                half.add(files.get(i));
            }
        }
        return half;
    }
}
