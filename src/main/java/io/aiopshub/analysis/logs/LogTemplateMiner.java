package io.aiopshub.analysis.logs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Online log template miner of the Drain family: lines are masked ({@link LogMasker}), then routed
 * through a fixed-depth tree (token count, then the leading tokens) to a small list of templates; the
 * most similar one above the threshold takes the line and turns differing positions into {@code <*>},
 * otherwise the line starts a new template. What adapts to the data rather than to a format: values of
 * key=value pairs, JSON members and bracketed fields are variables and keys are structure
 * ({@link MinerConfig#keyValueStructure()}); a position where a third value turns up with all else
 * equal is a value, and its templates merge ({@link MinerConfig#mergeAfter()}, {@link #currentId}).
 * Each rule is a setting that {@code bench/run.sh loghub} scores on every system. Ids are stable for
 * the life of a template, also across {@link #restore restores}. Memory is bounded by
 * {@link MinerConfig#maxTemplates()} (least recently seen forgotten first) and
 * {@link MinerConfig#maxChildren()}. Not thread-safe: one miner per service, callers synchronise.
 */
public final class LogTemplateMiner {

    private static final class Cluster {
        final String id;
        String[] tokens;
        /** {@code tokens} joined, rebuilt only when a position turns into {@code <*>}. */
        String template;
        long count;
        final Instant firstSeen;
        Instant lastSeen;
        final List<Cluster> leaf;

        Cluster(String id, String[] tokens, long count, Instant firstSeen, Instant lastSeen, List<Cluster> leaf) {
            this.id = id;
            this.tokens = tokens;
            this.template = String.join(" ", tokens);
            this.count = count;
            this.firstSeen = firstSeen;
            this.lastSeen = lastSeen;
            this.leaf = leaf;
        }

        String template() {
            return template;
        }
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        List<Cluster> clusters;
    }

    private final MinerConfig config;
    private final Clock clock;
    private final Map<Integer, Node> byLength = new HashMap<>();
    /** Access order gives the least recently seen template for eviction. */
    private final LinkedHashMap<String, Cluster> clusters = new LinkedHashMap<>(16, 0.75f, true);
    /** Merged template id to the id it was merged into; the oldest merges are forgotten first. */
    private final Map<String, String> mergedInto = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > config.maxTemplates();
        }
    };
    private long nextId = 1;

    public LogTemplateMiner(MinerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** A miner that continues from persisted templates, keeping their ids. */
    public static LogTemplateMiner restore(MinerConfig config, Clock clock, List<LogTemplate> templates) {
        LogTemplateMiner miner = new LogTemplateMiner(config, clock);
        for (LogTemplate template : templates) {
            String[] tokens = template.template().isEmpty() ? new String[0] : template.template().split(" ");
            Cluster cluster = new Cluster(template.id(), tokens, template.count(), template.firstSeen(),
                    template.lastSeen(), miner.leafFor(tokens));
            miner.add(cluster);
            miner.nextId = Math.max(miner.nextId, numericPart(template.id()) + 1);
        }
        return miner;
    }

    public TemplateMatch add(String content) {
        LogMasker.Masked masked = LogMasker.mask(content, config.splitKeyValue());
        String[] tokens = masked.tokens().toArray(String[]::new);
        // The closing-word rule is about words: the value of a closing key=value pair is a value.
        boolean closingWord = config.lastTokenRule() && !masked.lastIsValue();
        byte[] kinds = config.keyValueStructure() ? masked.kinds() : null;
        if (kinds != null) {
            // One-word values are variables: masked, they neither route the tree nor count.
            for (int i = 0; i < tokens.length; i++) {
                if (kinds[i] == LogMasker.VALUE) {
                    tokens[i] = LogMasker.WILDCARD;
                }
            }
        }
        Instant now = clock.instant();
        List<Cluster> leaf = leafFor(tokens);
        Cluster best = best(leaf, tokens, kinds, closingWord, config.thresholdFor(tokens.length));
        if (best == null && config.mergeAfter() > 1) {
            best = mergeAtOnePosition(leaf, tokens, kinds);
        }
        if (best != null) {
            boolean generalised = false;
            for (int i = 0; i < tokens.length; i++) {
                if (!best.tokens[i].equals(tokens[i]) && !best.tokens[i].equals(LogMasker.WILDCARD)) {
                    best.tokens[i] = LogMasker.WILDCARD;
                    generalised = true;
                }
            }
            if (generalised) {
                best.template = String.join(" ", best.tokens);
            }
            best.count++;
            best.lastSeen = now;
            clusters.get(best.id);
            return new TemplateMatch(best.id, best.template(), false);
        }
        Cluster created = new Cluster("T" + nextId++, tokens, 1, now, now, leaf);
        add(created);
        evictIfFull();
        return new TemplateMatch(created.id, created.template(), true);
    }

    /**
     * The most similar template of {@code candidates} that reaches {@code threshold}, or null. Wildcard positions are neither evidence for nor against: similarity
     * is the share of the template's constant positions the line has equal; on a tie the more general
     * template wins.
     */
    private Cluster best(List<Cluster> candidates, String[] tokens, byte[] kinds, boolean closingWord,
                         double threshold) {
        Cluster best = null;
        double bestScore = -1;
        int bestWildcards = -1;
        int last = tokens.length - 1;
        candidates:
        for (Cluster candidate : candidates) {
            // The closing word of a message is as telling as its leading ones (which route the tree):
            // "initialized by client SPP." and "...by client WindowsUpdateAgent." are different events.
            // A constant last word therefore has to be equal; a masked one matches anything.
            if (closingWord && last >= 0) {
                String closing = candidate.tokens[last];
                if (!closing.equals(tokens[last]) && !closing.equals(LogMasker.WILDCARD)) {
                    continue;
                }
            }
            int equal = 0;
            int wildcards = 0;
            for (int i = 0; i < tokens.length; i++) {
                String token = candidate.tokens[i];
                if (token.equals(LogMasker.WILDCARD) || (kinds != null && kinds[i] == LogMasker.VALUE)) {
                    wildcards++;
                } else if (config.maskedMatchesWord() && tokens[i].equals(LogMasker.WILDCARD)) {
                    // A masked value where the template has a word: the word was a value too, seen first
                    // without a digit ("user webmaster", then "user test9"); no evidence either way.
                    wildcards++;
                } else if (kinds != null && kinds[i] == LogMasker.KEY) {
                    // Keys are the line's structure, the same in every event of a format: they have to
                    // be equal, but being equal says nothing about the event.
                    if (!token.equals(tokens[i])) {
                        continue candidates;
                    }
                    wildcards++;
                } else if (token.equals(tokens[i])) {
                    equal++;
                }
            }
            int constant = tokens.length - wildcards;
            double score = constant == 0 ? 1.0 : (double) equal / constant;
            if (score > bestScore || (score == bestScore && wildcards > bestWildcards)) {
                best = candidate;
                bestScore = score;
                bestWildcards = wildcards;
            }
        }
        return bestScore >= threshold ? best : null;
    }

    /**
     * Position statistics: when this line and {@code mergeAfter - 1} templates of its branch all differ
     * from each other at one and the same position and nowhere else, that position holds a value (a
     * user, a client, a component) rather than a word of the event. The templates are merged into
     * the oldest, which gets {@code <*>} there and takes the line; the merged ones' ids point to it
     * ({@link #currentId}). Null when no position has seen that many values yet.
     */
    private Cluster mergeAtOnePosition(List<Cluster> leaf, String[] tokens, byte[] kinds) {
        Map<Integer, List<Cluster>> byPosition = null;
        for (Cluster candidate : leaf) {
            int differing = -1;
            for (int i = 0; i < tokens.length; i++) {
                String token = candidate.tokens[i];
                if (token.equals(LogMasker.WILDCARD) || token.equals(tokens[i])
                        || (kinds != null && kinds[i] == LogMasker.VALUE)) {
                    continue;
                }
                if (differing >= 0) {
                    differing = -2;
                    break;
                }
                differing = i;
            }
            if (differing >= 0) {
                if (byPosition == null) {
                    byPosition = new HashMap<>();
                }
                byPosition.computeIfAbsent(differing, i -> new ArrayList<>()).add(candidate);
            }
        }
        if (byPosition == null) {
            return null;
        }
        for (Map.Entry<Integer, List<Cluster>> entry : byPosition.entrySet()) {
            List<Cluster> same = entry.getValue();
            if (same.size() + 1 < config.mergeAfter()) {
                continue;
            }
            Cluster survivor = same.get(0);
            for (Cluster other : same) {
                if (numericPart(other.id) < numericPart(survivor.id)) {
                    survivor = other;
                }
            }
            for (Cluster other : same) {
                if (other != survivor) {
                    survivor.count += other.count;
                    other.leaf.remove(other);
                    clusters.remove(other.id);
                    mergedInto.put(other.id, survivor.id);
                }
            }
            // The positions where the merged templates already had <*> are the survivor's now too.
            for (Cluster other : same) {
                for (int i = 0; i < tokens.length; i++) {
                    if (other.tokens[i].equals(LogMasker.WILDCARD)) {
                        survivor.tokens[i] = LogMasker.WILDCARD;
                    }
                }
            }
            survivor.tokens[entry.getKey()] = LogMasker.WILDCARD;
            survivor.template = String.join(" ", survivor.tokens);
            return survivor;
        }
        return null;
    }

    /**
     * The id a template has now: itself, or the template it was merged into (the latest
     * {@code maxTemplates} merges are remembered).
     */
    public String currentId(String id) {
        String current = id;
        for (int hops = 0; hops < 64; hops++) {
            String next = mergedInto.get(current);
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private void add(Cluster cluster) {
        cluster.leaf.add(cluster);
        clusters.put(cluster.id, cluster);
    }

    public List<LogTemplate> templates() {
        List<LogTemplate> result = new ArrayList<>(clusters.size());
        for (Cluster c : clusters.values()) {
            result.add(new LogTemplate(c.id, c.template(), c.count, c.firstSeen, c.lastSeen));
        }
        return result;
    }

    public int size() {
        return clusters.size();
    }

    private List<Cluster> leafFor(String[] tokens) {
        Node node = byLength.computeIfAbsent(tokens.length, n -> new Node());
        int levels = Math.min(config.depth() - 2, tokens.length);
        for (int i = 0; i < levels; i++) {
            String key = tokens[i];
            Node child = node.children.get(key);
            if (child == null) {
                if (node.children.size() >= config.maxChildren()) {
                    key = LogMasker.WILDCARD;
                    child = node.children.get(key);
                }
                if (child == null) {
                    child = new Node();
                    node.children.put(key, child);
                }
            }
            node = child;
        }
        if (node.clusters == null) {
            node.clusters = new ArrayList<>();
        }
        return node.clusters;
    }

    private void evictIfFull() {
        while (clusters.size() > config.maxTemplates()) {
            Cluster oldest = clusters.values().iterator().next();
            clusters.remove(oldest.id);
            oldest.leaf.remove(oldest);
        }
    }

    private static long numericPart(String id) {
        try {
            return Long.parseLong(id.substring(1));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
