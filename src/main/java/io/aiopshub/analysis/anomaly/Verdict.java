package io.aiopshub.analysis.anomaly;

import java.util.Locale;

/**
 * Why a value got its score: the check that gave the highest score, the value it looked at, the
 * baseline it compared it with and the deviation (in standard deviations of what the check measures,
 * signed; for {@link Check#NEW_RANGE} in fractions of the range seen before).
 */
public record Verdict(double score, Check check, double value, double baseline, double deviation) {

    /** The detector's checks, each a plain comparison with a baseline taken from the series' own past. */
    public enum Check {
        /** Nothing scored (warm-up, or a value that is not a number). */
        NONE("none"),
        /** The value against the mean and standard deviation of the last {@code window} values. */
        LEVEL("level"),
        /** The mean of the last {@code shortWindow} values against the same baseline (level shifts, early). */
        SHORT_MEAN("short-mean"),
        /** The step from the previous value against the steps in the window, unless such steps recur. */
        STEP("step"),
        /** The value against the value one season (a day) earlier, in seasonal series. */
        SEASONAL("seasonal"),
        /** A value outside the whole range the series has had so far. */
        NEW_RANGE("new-range");

        private final String label;

        Check(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static Verdict none(double value) {
        return new Verdict(0, Check.NONE, value, Double.NaN, 0);
    }

    Verdict withScore(double newScore) {
        return new Verdict(newScore, check, value, baseline, deviation);
    }

    /** One sentence for an alert annotation, e.g. "value 142 is 7.1σ above its baseline 100 (level)". */
    public String explain() {
        String direction = deviation >= 0 ? "above" : "below";
        double size = Math.abs(deviation);
        return switch (check) {
            case NONE -> "no anomaly score yet (warm-up)";
            case LEVEL -> String.format(Locale.ROOT, "value %s is %.1fσ %s its baseline %s (mean of the recent window)",
                    number(value), size, direction, number(baseline));
            case SHORT_MEAN -> String.format(Locale.ROOT,
                    "the recent mean %s is %.1fσ (of a mean) %s its baseline %s: a level shift", number(value), size,
                    direction, number(baseline));
            case STEP -> String.format(Locale.ROOT, "a step of %s is %.1fσ %s the usual steps (mean %s)", number(value),
                    size, deviation >= 0 ? "larger than" : "smaller than", number(baseline));
            case SEASONAL -> String.format(Locale.ROOT, "value %s is %.1fσ %s its seasonal baseline %s (same time a day earlier)",
                    number(value), size, direction, number(baseline));
            case NEW_RANGE -> String.format(Locale.ROOT,
                    "value %s is outside the range seen so far, %.0f%% of that range %s its %s %s", number(value),
                    100 * size, direction, deviation >= 0 ? "highest value" : "lowest value", number(baseline));
        };
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
