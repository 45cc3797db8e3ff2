package io.aiopshub.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.aiopshub.rca.group.RootCandidate;

/** Ranking the root of a group: started first, depended on, error logs, changes. */
class RootRankerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theServiceOthersDependOnOutranksTheOneThatStartedFirst() {
        DependencyGraph graph = new DependencyGraph(Topology.empty(), Map.of("web", Set.of("api"), "api", Set.of("db")));
        List<RootCandidate> ranked = RootRanker.rank(List.of(member("1", "web", T0), member("2", "api", T0.plusSeconds(5)),
                member("3", "db", T0.plusSeconds(9))), graph, new GroupEvidence.Found(List.of(), List.of()));
        assertThat(ranked).extracting(RootCandidate::service).containsExactly("db", "api", "web");
        assertThat(ranked.get(0).reasons()).contains("web, api depend on it");
        assertThat(ranked.get(2).reasons()).anyMatch(r -> r.startsWith("started first")).contains("depends on api, db");
    }

    @Test
    void errorLogsDecideBetweenOtherwiseEqualServices() {
        DependencyGraph graph = new DependencyGraph(Topology.empty(), Map.of());
        LogActivity.Window oom = new LogActivity.Window("b", "h", "t1", "java.lang.OutOfMemoryError: Java heap space", "error",
                12, "example", T0, T0);
        List<RootCandidate> ranked = RootRanker.rank(List.of(member("1", "a", T0), member("2", "b", T0)), graph,
                new GroupEvidence.Found(List.of(oom), List.of()));
        assertThat(ranked.get(0).service()).isEqualTo("b");
        assertThat(ranked.get(0).reasons()).anyMatch(r -> r.contains("OutOfMemoryError") && r.contains("12x"));
    }

    private static IncidentFacts member(String id, String service, Instant started) {
        return new IncidentFacts(id, service + " alert", "high", "firing", service, Set.of(), started, null, null, null, List.of());
    }
}
