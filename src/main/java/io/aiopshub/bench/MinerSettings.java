package io.aiopshub.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.aiopshub.analysis.logs.MinerConfig;

/**
 * The miner settings the LogHub benchmark chooses among, and how it chooses (see {@link #choose}): the
 * worst system first, then the average, because the bar is per system (within
 * {@link LogHubBenchmark#DRAIN_MARGIN} of Drain's published figure on every one).
 * Every rule of the miner is a dimension here, so a rule stays on only when it pays on all systems.
 */
final class MinerSettings {

    static final double[] THRESHOLDS = {0.6, 0.7, 0.75, 0.8, 0.9};
    static final int[] SHORT_LENGTHS = {0, 10};
    static final int[] MERGE_AFTER = {0, 3};
    static final boolean[] ON_OFF = {true, false};

    private MinerSettings() { }

    /** Every combination; {@link MinerConfig#defaults()} first, so a tie keeps it. */
    static List<MinerConfig> grid() {
        MinerConfig d = MinerConfig.defaults();
        List<MinerConfig> grid = new ArrayList<>();
        grid.add(d);
        for (double threshold : THRESHOLDS) {
            for (int shortLength : SHORT_LENGTHS) {
                for (boolean last : ON_OFF) {
                    for (boolean split : ON_OFF) {
                        for (boolean structure : ON_OFF) {
                            for (int merge : MERGE_AFTER) {
                                for (boolean masked : ON_OFF) {
                                    MinerConfig c = new MinerConfig(d.depth(), threshold, d.maxChildren(),
                                            d.maxTemplates(), shortLength, last, split, structure, merge, masked);
                                    if (!c.equals(d)) {
                                        grid.add(c);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return grid;
    }

    /**
     * The index of the chosen settings, looking at every system but {@code heldOut} (-1: all): among the
     * {@code robust} settings (those that group every {@link SyntheticLogFormats} format with at least
     * {@value #SYNTHETIC_FLOOR}, so no rule collapses a format nobody tuned for; all settings if none
     * is), the largest worst-case margin to Drain over those systems (what the issue asks to keep), and
     * among the settings within {@value #MARGIN_TIE} of it, the best average.
     */
    static int choose(double[][] ga, List<String> systems, int heldOut, boolean[] robust) {
        boolean anyRobust = false;
        for (boolean r : robust) {
            anyRobust |= r;
        }
        double[] worst = new double[ga.length];
        double[] mean = new double[ga.length];
        double bestWorst = -Double.MAX_VALUE;
        for (int c = 0; c < ga.length; c++) {
            double sum = 0;
            worst[c] = Double.MAX_VALUE;
            for (int s = 0; s < systems.size(); s++) {
                if (s == heldOut) {
                    continue;
                }
                sum += ga[c][s];
                Double drain = LogHubBenchmark.DRAIN.get(systems.get(s));
                if (drain != null) {
                    worst[c] = Math.min(worst[c], ga[c][s] - drain);
                }
            }
            mean[c] = sum / (systems.size() - (heldOut < 0 ? 0 : 1));
            if (robust[c] || !anyRobust) {
                bestWorst = Math.max(bestWorst, worst[c]);
            }
        }
        int best = -1;
        for (int c = 0; c < ga.length; c++) {
            if ((robust[c] || !anyRobust) && worst[c] >= bestWorst - MARGIN_TIE && (best < 0 || mean[c] > mean[best] + 1e-12)) {
                best = c;
            }
        }
        return best;
    }

    static final double SYNTHETIC_FLOOR = 0.9;

    /** Margins closer than this (10 lines of 2,000) count as equal, so the average decides. */
    static final double MARGIN_TIE = 0.005;

    static String describe(MinerConfig c) {
        return String.format("threshold %.2f, short %d, last-token %s, kv split %s, kv structure %s, merge %s, "
                + "masked=word %s",
                c.similarityThreshold(), c.shortLength(), c.lastTokenRule() ? "on" : "off",
                c.splitKeyValue() ? "on" : "off", c.keyValueStructure() ? "on" : "off",
                c.mergeAfter() == 0 ? "off" : "at " + c.mergeAfter(), c.maskedMatchesWord() ? "on" : "off");
    }

    /** Each setting changed alone from the defaults: the average and the worst gap to Drain. */
    static void ablation(List<MinerConfig> grid, double[][] ga, List<String> systems, int defaults, boolean[] robust,
                         PrintStream out) {
        MinerConfig d = grid.get(defaults);
        Map<String, Function<MinerConfig, Object>> dimensions = new LinkedHashMap<>();
        dimensions.put("threshold", MinerConfig::similarityThreshold);
        dimensions.put("short", MinerConfig::shortLength);
        dimensions.put("last-token", MinerConfig::lastTokenRule);
        dimensions.put("key=value split", MinerConfig::splitKeyValue);
        dimensions.put("kv structure", MinerConfig::keyValueStructure);
        dimensions.put("merge", MinerConfig::mergeAfter);
        dimensions.put("masked=word", MinerConfig::maskedMatchesWord);
        out.println("each setting changed alone from the defaults (average GA, worst gap to Drain; "
                + "! = a generated format falls below " + SYNTHETIC_FLOOR + "):");
        for (var dimension : dimensions.entrySet()) {
            StringBuilder line = new StringBuilder(String.format("  %-16s", dimension.getKey()));
            for (int c = 0; c < grid.size(); c++) {
                if (differsOnlyIn(grid.get(c), d, dimensions, dimension.getKey()) || c == defaults) {
                    double sum = 0;
                    double worst = Double.MAX_VALUE;
                    for (int s = 0; s < systems.size(); s++) {
                        sum += ga[c][s];
                        Double drain = LogHubBenchmark.DRAIN.get(systems.get(s));
                        if (drain != null) {
                            worst = Math.min(worst, ga[c][s] - drain);
                        }
                    }
                    line.append(String.format(" %s%s: %.4f/%+.3f%s", dimension.getValue().apply(grid.get(c)),
                            c == defaults ? "*" : "", sum / systems.size(), worst, robust[c] ? "" : "!"));
                }
            }
            out.println(line);
        }
    }

    private static boolean differsOnlyIn(MinerConfig c, MinerConfig d, Map<String, Function<MinerConfig, Object>> dims,
                                         String name) {
        for (var dimension : dims.entrySet()) {
            boolean same = dimension.getValue().apply(c).equals(dimension.getValue().apply(d));
            if (dimension.getKey().equals(name) == same) {
                return false;
            }
        }
        return true;
    }
}
