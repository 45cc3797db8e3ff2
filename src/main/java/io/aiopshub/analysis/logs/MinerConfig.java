package io.aiopshub.analysis.logs;

/**
 * Settings of the template miner; one set for every service (the LogHub figures in docs/benchmarks.md
 * were measured with {@link #defaults()}).
 *
 * @param depth               levels of the parse tree: token count, then {@code depth - 2} leading tokens
 * @param similarityThreshold share of equal tokens a line needs to join an existing template (0..1)
 * @param maxChildren         children per tree node before new first tokens share a {@code <*>} branch
 * @param maxTemplates        templates kept per miner; the least recently seen is forgotten beyond it
 */
public record MinerConfig(int depth, double similarityThreshold, int maxChildren, int maxTemplates) {

    public static MinerConfig defaults() {
        return new MinerConfig(4, 0.75, 100, 5_000);
    }

    public MinerConfig {
        if (depth < 3) {
            throw new IllegalArgumentException("depth must be at least 3");
        }
        if (similarityThreshold <= 0 || similarityThreshold > 1) {
            throw new IllegalArgumentException("similarityThreshold must be in (0, 1]");
        }
    }
}
