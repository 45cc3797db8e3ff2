package io.aiopshub.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiopshub.ingest.IncomingAlert;

class RuleStateMachineTest {

    private final RuleStateMachine machine = new RuleStateMachine();
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Duration interval = Duration.ofSeconds(30);
    private final AlertRule rule = new AlertRule("g", "HighMemory", "mem > 90", Duration.ofMinutes(5),
            Duration.ofMinutes(2), Map.of("severity", "high"), Map.of("summary", "{{ $labels.pod }} at {{ $value }}%"));
    private final List<Sample> high = List.of(new Sample(Map.of("pod", "api-1"), 93.5));

    @Test
    void pendingUntilForElapsedThenFiringKeptThenResolved() {
        assertThat(machine.evaluate(rule, high, t0, interval)).as("pending").isEmpty();
        assertThat(machine.evaluate(rule, high, t0.plusSeconds(240), interval)).as("still pending").isEmpty();
        List<IncomingAlert> firing = machine.evaluate(rule, high, t0.plusSeconds(300), interval);
        assertThat(firing).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("firing");
            assertThat(a.labels()).containsEntry("alertname", "HighMemory").containsEntry("pod", "api-1").containsEntry("severity", "high");
            assertThat(a.annotations()).containsEntry("summary", "api-1 at 93.5%");
            assertThat(a.startsAt()).isEqualTo(t0);
            assertThat(a.endsAt()).isEqualTo(t0.plusSeconds(300 + 120));
        });
        // Gone, but keep_firing_for (2m) holds it firing.
        assertThat(machine.evaluate(rule, List.of(), t0.plusSeconds(330), interval)).singleElement()
                .matches(a -> a.status().equals("firing"));
        List<IncomingAlert> resolved = machine.evaluate(rule, List.of(), t0.plusSeconds(460), interval);
        assertThat(resolved).singleElement().matches(a -> a.status().equals("resolved") && a.endsAt().equals(t0.plusSeconds(460)));
        assertThat(machine.states(rule)).isEmpty();
    }

    @Test
    void aPendingSeriesThatDisappearsNeverFires() {
        machine.evaluate(rule, high, t0, interval);
        assertThat(machine.evaluate(rule, List.of(), t0.plusSeconds(30), interval)).isEmpty();
        assertThat(machine.evaluate(rule, high, t0.plusSeconds(300), interval)).as("starts over").isEmpty();
    }

    @Test
    void anomalyRuleFiresOnTheDetectorsScoreNotOnAThreshold() {
        AlertRule anomalyRule = new RuleFileLoader().parse("""
                groups:
                  - name: a
                    rules:
                      - alert: RateAnomaly
                        expr: sum by (service) (rate(requests_total[5m]))
                        anomaly: true
                        anomaly_threshold: 0.7
                        annotations:
                          summary: "score {{ $value }}"
                """, "a.yml", interval).get(0).rules().get(0);
        assertThat(anomalyRule.anomaly()).isTrue();
        AnomalyScores scores = new AnomalyScores();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 300; i++) {
            List<Sample> normal = scores.anomalous(anomalyRule, List.of(new Sample(Map.of("service", "api"), 50 + random.nextGaussian())), interval);
            assertThat(machine.evaluate(anomalyRule, normal, t0.plusSeconds(30L * i), interval)).isEmpty();
        }
        List<Sample> spike = scores.anomalous(anomalyRule, List.of(new Sample(Map.of("service", "api"), 120)), interval);
        assertThat(machine.evaluate(anomalyRule, spike, t0.plusSeconds(9000), interval)).singleElement()
                .satisfies(a -> {
                    assertThat(a.labels()).containsEntry("anomaly", "true").containsEntry("alertname", "RateAnomaly");
                    assertThat(a.annotations().get("summary")).startsWith("score 0.");
                });
    }

    @Test
    void anAnomalyAlertSaysWhyInItsAnnotationsAndKeepsThemWhileKeptFiring() {
        AlertRule anomalyRule = new RuleFileLoader().parse("""
                groups:
                  - name: a
                    rules:
                      - alert: LatencyAnomaly
                        expr: avg by (service) (latency_seconds)
                        anomaly: true
                        keep_firing_for: 10m
                        annotations:
                          summary: "latency of {{ $labels.service }} is unusual"
                """, "a.yml", interval).get(0).rules().get(0);
        AnomalyScores scores = new AnomalyScores();
        java.util.Random random = new java.util.Random(21);
        Instant t = t0;
        for (int i = 0; i < 1000; i++, t = t.plus(interval)) {
            // Latency between 0.15 and 0.25 s, uniformly: nothing fires.
            double value = 0.15 + random.nextDouble() * 0.1;
            List<Sample> normal = scores.anomalous(anomalyRule, List.of(new Sample(Map.of("service", "api"), value)), interval);
            assertThat(machine.evaluate(anomalyRule, normal, t, interval)).isEmpty();
        }
        List<Sample> slow = scores.anomalous(anomalyRule, List.of(new Sample(Map.of("service", "api"), 0.9)), interval);
        List<IncomingAlert> firing = machine.evaluate(anomalyRule, slow, t, interval);
        assertThat(firing).singleElement().satisfies(a -> {
            assertThat(a.labels()).containsEntry("anomaly", "true").containsEntry("alertname", "LatencyAnomaly");
            assertThat(a.annotations()).containsEntry("summary", "latency of api is unusual")
                    .containsEntry("anomaly_check", "new-range").containsEntry("anomaly_value", "0.900000")
                    .containsKeys("anomaly_score", "anomaly_baseline", "anomaly_deviation");
            assertThat(a.annotations().get("anomaly_reason")).startsWith("value 0.9000 is outside the range seen so far");
            assertThat(a.annotations().get("anomaly_deviation")).endsWith("% of the range");
        });
        // The next evaluations score low (one anomaly is reported once); keep_firing_for keeps the alert and its reason.
        t = t.plus(interval);
        List<Sample> after = scores.anomalous(anomalyRule, List.of(new Sample(Map.of("service", "api"), 0.2)), interval);
        assertThat(after).isEmpty();
        assertThat(machine.evaluate(anomalyRule, after, t, interval)).singleElement()
                .satisfies(a -> assertThat(a.annotations()).containsEntry("anomaly_check", "new-range"));
    }

    @Test
    void rulesFilesAndTemplates() {
        List<RuleGroup> groups = new RuleFileLoader().parse("""
                groups:
                  - name: g1
                    rules:
                      - record: x
                        expr: sum(y)
                      - alert: A
                        expr: up == 0
                        for: 1m
                        keep_firing_for: 30s
                """, "r.yml", Duration.ofSeconds(15));
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.interval()).isEqualTo(Duration.ofSeconds(15));
            assertThat(g.rules()).singleElement().matches(r -> r.forDuration().equals(Duration.ofMinutes(1))
                    && r.keepFiringFor().equals(Duration.ofSeconds(30)));
        });
        assertThatThrownBy(() -> new RuleFileLoader().parse("groups: [{name: g, rules: [{alert: B}]}]", "bad.yml", interval))
                .hasMessageContaining("bad.yml").hasMessageContaining("'B'").hasMessageContaining("no expr");
        assertThat(AnnotationTemplates.render("{{ $value | humanizePercentage }} / {{ humanize $value }}", Map.of(), 0.25))
                .isEqualTo("25% / 0.25");
        assertThat(AnnotationTemplates.render("{{ $value | humanize }}B", Map.of(), 1_500_000)).isEqualTo("1.5MB");
    }
}
