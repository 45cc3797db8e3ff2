package io.aiopshub.rca.similar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Past incidents by meaning: each analysed incident is kept as the embedding of its description (title,
 * alert labels, log templates) with its root cause; the nearest ones help people and the prompt.
 * In memory, rebuilt from the stored analyses at start.
 */
public class SimilarIncidents {

    /** A past incident close to the one at hand. */
    public record Match(String incidentId, String title, String rootCause, double score) { }

    private record Entry(String title, String rootCause, float[] vector) { }

    private final Embeddings embeddings;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public SimilarIncidents(Embeddings embeddings) {
        this.embeddings = embeddings;
    }

    public void add(String incidentId, String title, String description, String rootCause) {
        entries.put(incidentId, new Entry(title, rootCause, embeddings.embed(description)));
    }

    public List<Match> nearest(String description, int k, String excludeIncidentId) {
        float[] query = embeddings.embed(description);
        List<Match> matches = new ArrayList<>();
        entries.forEach((id, entry) -> {
            if (!id.equals(excludeIncidentId)) {
                matches.add(new Match(id, entry.title(), entry.rootCause(), Embeddings.cosine(query, entry.vector())));
            }
        });
        matches.sort(Comparator.comparingDouble(Match::score).reversed());
        return matches.subList(0, Math.min(k, matches.size()));
    }

    public int size() {
        return entries.size();
    }
}
