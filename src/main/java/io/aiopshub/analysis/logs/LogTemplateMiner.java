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
 * otherwise the line starts a new template. Only templates with the same last token (or a {@code <*>}
 * there) are candidates: a differing constant closing word makes a different event. Ids are stable for
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
            List<Cluster> leaf = miner.leafFor(tokens);
            Cluster cluster = new Cluster(template.id(), tokens, template.count(), template.firstSeen(), template.lastSeen(), leaf);
            leaf.add(cluster);
            miner.clusters.put(cluster.id, cluster);
            miner.nextId = Math.max(miner.nextId, numericPart(template.id()) + 1);
        }
        return miner;
    }

    public TemplateMatch add(String content) {
        String[] tokens = LogMasker.tokens(content).toArray(String[]::new);
        Instant now = clock.instant();
        List<Cluster> leaf = leafFor(tokens);
        Cluster best = null;
        double bestScore = -1;
        int bestWildcards = -1;
        int last = tokens.length - 1;
        for (Cluster candidate : leaf) {
            // The closing word of a message is as telling as its leading ones (which route the tree):
            // "initialized by client SPP." and "...by client WindowsUpdateAgent." are different events.
            // A constant last word therefore has to be equal; a masked one matches anything.
            String closing = last < 0 ? null : candidate.tokens[last];
            if (closing != null && !closing.equals(tokens[last]) && !closing.equals(LogMasker.WILDCARD)) {
                continue;
            }
            int equal = 0;
            int wildcards = 0;
            for (int i = 0; i < tokens.length; i++) {
                if (candidate.tokens[i].equals(LogMasker.WILDCARD)) {
                    wildcards++;
                } else if (candidate.tokens[i].equals(tokens[i])) {
                    equal++;
                }
            }
            // Wildcard positions are neither evidence for nor against: judge the constant part only.
            int constant = tokens.length - wildcards;
            double score = constant == 0 ? 1.0 : (double) equal / constant;
            if (score > bestScore || (score == bestScore && wildcards > bestWildcards)) {
                best = candidate;
                bestScore = score;
                bestWildcards = wildcards;
            }
        }
        if (best != null && bestScore >= config.similarityThreshold()) {
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
        leaf.add(created);
        clusters.put(created.id, created);
        evictIfFull();
        return new TemplateMatch(created.id, created.template(), true);
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
