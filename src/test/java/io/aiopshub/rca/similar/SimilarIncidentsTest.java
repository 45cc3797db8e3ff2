package io.aiopshub.rca.similar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Local embeddings (all-MiniLM-L6-v2, in process) on a small labelled set, and runbook sections. */
class SimilarIncidentsTest {

    private final Embeddings embeddings = new Embeddings();

    @Test
    @SuppressWarnings("unchecked")
    void nearestPastIncidentsComeFromTheSameGroup() throws Exception {
        Map<String, Object> set;
        try (InputStream in = getClass().getResourceAsStream("/similar/incidents.yaml")) {
            set = new Yaml().load(in);
        }
        SimilarIncidents index = new SimilarIncidents(embeddings);
        Map<String, String> groups = new HashMap<>();
        for (Map<String, String> past : (List<Map<String, String>>) set.get("past")) {
            index.add(past.get("id"), past.get("id"), past.get("text"), "cause of " + past.get("id"));
            groups.put(past.get("id"), past.get("group"));
        }
        for (Map<String, String> query : (List<Map<String, String>>) set.get("queries")) {
            List<SimilarIncidents.Match> nearest = index.nearest(query.get("text"), 3, null);
            assertThat(groups.get(nearest.get(0).incidentId())).as("nearest to: " + query.get("text")).isEqualTo(query.get("group"));
            assertThat(nearest).as("top 3 for: " + query.get("text"))
                    .filteredOn(m -> groups.get(m.incidentId()).equals(query.get("group"))).hasSizeGreaterThanOrEqualTo(2);
            assertThat(nearest.get(0).score()).isGreaterThanOrEqualTo(nearest.get(1).score());
        }
        assertThat(index.nearest("anything", 3, "db-1")).extracting(SimilarIncidents.Match::incidentId).doesNotContain("db-1");
    }

    @Test
    void runbookSectionsAreFoundByMeaning() {
        Runbooks runbooks = new Runbooks(embeddings, Path.of("runbooks"));
        assertThat(runbooks.size()).isGreaterThanOrEqualTo(12);
        assertThat(runbooks.relevant("write failed: No space left on device on /var/log", 1)).singleElement()
                .satisfies(s -> assertThat(s.file()).isEqualTo("disk-full.md"));
        assertThat(runbooks.relevant("container restarted with reason OOMKilled", 1)).singleElement()
                .satisfies(s -> assertThat(s.file()).isEqualTo("memory-oom.md"));
        assertThat(new Runbooks(embeddings, Path.of("no-such-dir")).relevant("x", 2)).isEmpty();
    }
}
