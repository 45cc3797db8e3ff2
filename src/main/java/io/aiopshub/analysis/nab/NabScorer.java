package io.aiopshub.analysis.nab;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB v1 scoring (Numenta Anomaly Benchmark): each row gets a weight from its position relative to the
 * anomaly windows (scaled sigmoid: early in a window is worth the most, a false positive right after a
 * window costs little, one far from any window costs the full false-positive weight); per window only
 * the first detection counts, a window without one costs the false-negative weight; the first 15% of
 * each file (at most 750 rows) is probation and not scored. Corpus scores are normalised between the
 * null detector (no detections) and a perfect one.
 */
public final class NabScorer {

    /** A cost matrix: standard, reward_low_FP_rate or reward_low_FN_rate. */
    public record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {

        public static List<Profile> all() {
            return List.of(new Profile("standard", 1.0, 0.11, 1.0), new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0),
                    new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0));
        }
    }

    /** One file, prepared for scoring: anomaly scores, and each row's window (or -1) and unweighted value. */
    public static final class File {
        final double[] scores;
        final int[] window;
        final double[] unweighted;
        final boolean[] inWindow;
        final int windows;
        final int probation;

        /** @param windows index ranges [first, last] of each anomaly window, in time order */
        public File(double[] scores, List<int[]> windows) {
            int n = scores.length;
            this.scores = scores;
            this.window = new int[n];
            this.unweighted = new double[n];
            this.inWindow = new boolean[n];
            this.windows = windows.size();
            this.probation = (int) Math.min(Math.floor(0.15 * n), 0.15 * 5000);
            double maxTp = scaledSigmoid(-1.0);
            int next = 0;
            int[] current = null;
            int prevRight = -1;
            int prevWidth = 0;
            for (int i = 0; i < n; i++) {
                window[i] = -1;
                if (next < windows.size() && i == windows.get(next)[0]) {
                    current = windows.get(next);
                    next++;
                }
                if (current != null) {
                    int width = current[1] - current[0] + 1;
                    unweighted[i] = scaledSigmoid(-(current[1] - i + 1) / (double) width) / maxTp;
                    inWindow[i] = true;
                    window[i] = next - 1;
                } else {
                    unweighted[i] = prevRight < 0 ? -1.0 : scaledSigmoid(Math.abs(prevRight - i) / (double) (prevWidth - 1));
                }
                if (current != null && i == current[1]) {
                    prevRight = i;
                    prevWidth = current[1] - current[0] + 1;
                    current = null;
                }
            }
        }
    }

    /** A profile's result over a corpus. */
    public record Result(String profile, double threshold, double raw, double nullScore, double perfect, double normalised) { }

    private NabScorer() { }

    static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    /** The raw score of one file at a threshold. */
    public static double score(File file, double threshold, Profile profile) {
        double score = 0;
        Map<Integer, Double> detected = new HashMap<>();
        for (int i = file.probation; i < file.scores.length; i++) {
            if (file.scores[i] < threshold) {
                continue;
            }
            if (file.inWindow[i]) {
                detected.putIfAbsent(file.window[i], file.unweighted[i] * profile.tpWeight());
            } else {
                score += file.unweighted[i] * profile.fpWeight();
            }
        }
        for (int w = 0; w < file.windows; w++) {
            Double tp = detected.get(w);
            score += tp != null ? tp : -profile.fnWeight();
        }
        return score;
    }

    /** The corpus score at a fixed threshold. */
    public static Result score(List<File> corpus, double threshold, Profile profile) {
        double raw = 0;
        int windows = 0;
        for (File file : corpus) {
            raw += score(file, threshold, profile);
            windows += file.windows;
        }
        double nullScore = -profile.fnWeight() * windows;
        double perfect = profile.tpWeight() * windows;
        return new Result(profile.name(), threshold, raw, nullScore, perfect, 100 * (raw - nullScore) / (perfect - nullScore));
    }

    /**
     * The threshold that maximises the corpus score, chosen once over the whole corpus, exactly as NAB's
     * optimiser does it (its Sweeper.calcScoreByThreshold): every distinct anomaly score of a scored row is
     * a candidate threshold; the rows are swept from the highest score down, each one adding its false
     * positive weight or raising its window's true positive value, and the best total wins (the highest
     * threshold among equal totals). A fixed grid can step over a narrow optimum; this cannot.
     */
    public static Result optimise(List<File> corpus, Profile profile) {
        int rows = 0;
        int windows = 0;
        for (File file : corpus) {
            rows += Math.max(0, file.scores.length - file.probation);
            windows += file.windows;
        }
        double[] score = new double[rows];
        double[] value = new double[rows];
        int[] window = new int[rows];
        int r = 0;
        int windowOffset = 0;
        for (File file : corpus) {
            for (int i = file.probation; i < file.scores.length; i++, r++) {
                score[r] = file.scores[i];
                boolean tp = file.inWindow[i];
                window[r] = tp ? windowOffset + file.window[i] : -1;
                value[r] = file.unweighted[i] * (tp ? profile.tpWeight() : profile.fpWeight());
            }
            windowOffset += file.windows;
        }
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        double[] best = new double[windows];
        java.util.Arrays.fill(best, -profile.fnWeight());
        double raw = -profile.fnWeight() * windows;
        double bestRaw = raw;
        double bestThreshold = 1.1;
        for (int k = 0; k < rows; k++) {
            int row = order[k];
            if (window[row] < 0) {
                raw += value[row];
            } else if (value[row] > best[window[row]]) {
                raw += value[row] - best[window[row]];
                best[window[row]] = value[row];
            }
            boolean lastOfItsScore = k + 1 == rows || score[order[k + 1]] != score[row];
            if (lastOfItsScore && raw > bestRaw + 1e-12) {
                bestRaw = raw;
                bestThreshold = score[row];
            }
        }
        return score(corpus, bestThreshold, profile);
    }
}
