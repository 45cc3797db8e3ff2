package io.aiopshub.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which pairs of incidents the correlation links, and why. */
class RelatedIncidentsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Test
    void servicesThatOftenFailedTogetherAreRelatedOnceOverTheThreshold() {
        DependencyGraph graph = new DependencyGraph(Topology.empty(), Map.of());
        IncidentFacts a = facts("1", "billing", Set.of(), T0, null);
        IncidentFacts b = facts("2", "invoices", Set.of(), T0.plusSeconds(60), null);
        assertThat(Correlator.related(a, b, graph, Set.of(), T0.plusSeconds(90), WINDOW)).isNull();
        assertThat(Correlator.related(a, b, graph, Set.of(LearnedDependencies.pair("invoices", "billing")),
                T0.plusSeconds(90), WINDOW)).isEqualTo("billing and invoices often fail together");
    }

    @Test
    void aServiceThatDependsOnAnotherIncidentsHostIsRelatedToIt() {
        DependencyGraph graph = new DependencyGraph(Topology.empty(), Map.of("api", Set.of("db-7")));
        IncidentFacts disk = facts("1", "", Set.of("db-7"), T0, null);
        IncidentFacts api = facts("2", "api", Set.of("10.0.0.9"), T0.plusSeconds(60), null);
        assertThat(Correlator.related(disk, api, graph, Set.of(), T0.plusSeconds(90), WINDOW)).isEqualTo("api depends on host db-7");
    }

    @Test
    void activeTimesMustComeWithinTheWindow() {
        DependencyGraph graph = new DependencyGraph(Topology.empty(), Map.of("web", Set.of("db")));
        IncidentFacts db = facts("1", "db", Set.of(), T0, T0.plusSeconds(300));
        IncidentFacts near = facts("2", "web", Set.of(), T0.plus(Duration.ofMinutes(19)), null);
        IncidentFacts far = facts("3", "web", Set.of(), T0.plus(Duration.ofMinutes(21)), null);
        Instant now = T0.plus(Duration.ofMinutes(25));
        assertThat(Correlator.related(db, near, graph, Set.of(), now, WINDOW)).isEqualTo("web depends on db");
        assertThat(Correlator.related(db, far, graph, Set.of(), now, WINDOW)).isNull();
    }

    private static IncidentFacts facts(String id, String service, Set<String> hosts, Instant started, Instant ended) {
        return new IncidentFacts(id, id, "high", ended == null ? "firing" : "resolved", service, hosts, started, ended,
                null, null, List.of());
    }
}
