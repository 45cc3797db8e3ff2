package io.aiopshub.analysis.logs;

/**
 * Settings of the template miner; one set for every service. {@link #defaults()} is the set that
 * {@code bench/run.sh loghub} finds best over all twelve LogHub-2k systems at once (its table of
 * leave-one-system-out figures shows how well that choice carries over to a system it did not see;
 * docs/benchmarks.md).
 *
 * @param depth               levels of the parse tree: token count, then {@code depth - 2} leading tokens
 * @param similarityThreshold share of equal constant tokens a line needs to join a template (0..1), for
 *                            templates of at least {@code shortLength} tokens
 * @param maxChildren         children per tree node before new first tokens share a {@code <*>} branch
 * @param maxTemplates        templates kept per miner; the least recently seen is forgotten beyond it
 * @param shortLength         templates shorter than this need a higher share, rising linearly to 1 for one
 *                            token: in a short message one differing word is more likely another event;
 *                            0 turns the scaling off
 * @param lastTokenRule       a constant last token must be equal for a line to join
 * @param splitKeyValue       a word holding {@code key=value} is split at each {@code =} (and at an
 *                            opening bracket), so the value is a token of its own
 * @param keyValueStructure   keys (of {@code key=value} pairs and JSON members) must be equal for a line to
 *                            join, one-word values count as variables, and only the words of the text
 *                            are weighed by the threshold: in logfmt and JSON lines the keys repeat in
 *                            every event and would make any two events look alike
 * @param mergeAfter          templates of one branch that differ from each other at one position only are
 *                            merged (that position is a value) once this many distinct values were seen
 *                            there; 0 turns merging off
 * @param maskedMatchesWord   a masked token of the line (a value) where the template has a word counts as
 *                            neither equal nor different, like a {@code <*>} of the template
 */
public record MinerConfig(int depth, double similarityThreshold, int maxChildren, int maxTemplates, int shortLength,
                          boolean lastTokenRule, boolean splitKeyValue, boolean keyValueStructure,
                          int mergeAfter, boolean maskedMatchesWord) {

    public static MinerConfig defaults() {
        return new MinerConfig(4, 0.90, 100, 5_000, 0, true, true, true, 3, true);
    }

    /** The defaults with another depth, threshold, fan-out and size. */
    public MinerConfig(int depth, double similarityThreshold, int maxChildren, int maxTemplates) {
        this(depth, similarityThreshold, maxChildren, maxTemplates, defaults().shortLength, defaults().lastTokenRule,
                defaults().splitKeyValue, defaults().keyValueStructure, defaults().mergeAfter,
                defaults().maskedMatchesWord);
    }

    public MinerConfig {
        if (depth < 3) {
            throw new IllegalArgumentException("depth must be at least 3");
        }
        if (similarityThreshold <= 0 || similarityThreshold > 1) {
            throw new IllegalArgumentException("similarityThreshold must be in (0, 1]");
        }
        if (shortLength < 0) {
            throw new IllegalArgumentException("shortLength must not be negative");
        }
    }

    /** The share of equal constant tokens a line of {@code length} tokens needs. */
    double thresholdFor(int length) {
        if (length >= shortLength) {
            return similarityThreshold;
        }
        return 1 - (1 - similarityThreshold) * length / shortLength;
    }
}
