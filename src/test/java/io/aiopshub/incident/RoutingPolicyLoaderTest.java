package io.aiopshub.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.yaml.snakeyaml.Yaml;

class RoutingPolicyLoaderTest {

    private final RoutingPolicyLoader loader = new RoutingPolicyLoader();

    @Test
    void shippedRoutingFileGivesTheDocumentedDefaults() {
        RoutingPolicy policy = loader.load("config/alert-routing.yaml");
        assertThat(policy.routeFor(Map.of("severity", "critical")).channels()).containsExactly("telegram", "pagerduty", "slack");
        assertThat(policy.routeFor(Map.of("severity", "high")).channels()).containsExactly("telegram", "slack");
        assertThat(policy.routeFor(Map.of("severity", "warning")).channels()).containsExactly("telegram");
        assertThat(policy.routeFor(Map.of("severity", "warning", "notify", "email")).channels()).contains("email");
        RoutingPolicy.Route route = policy.routeFor(Map.of());
        assertThat(route.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(route.groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(route.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(policy.inhibitRules()).hasSize(1);
    }

    @Test
    void routeOverridesAndGroupByAll() {
        RoutingPolicy policy = parse("""
                defaults: {group_by: [alertname], group_wait: 10s}
                routes:
                  - id: db
                    matchers: ['team="db"']
                    channels: [email]
                    group_by: ['...']
                    repeat_interval: 1h
                """);
        RoutingPolicy.Route db = policy.routeFor(Map.of("team", "db", "alertname", "X", "instance", "a"));
        assertThat(db.repeatInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(db.groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(db.groupLabels(Map.of("team", "db", "instance", "a"))).containsEntry("instance", "a");
        assertThat(policy.routeFor(Map.of("team", "web")).id()).as("implicit default route").isEqualTo("default");
    }

    @Test
    void mistakesAreReportedWithTheFileName() {
        assertThatThrownBy(() -> parse("routes: [{id: a, channels: [fax]}]")).hasMessageContaining("test.yaml")
                .hasMessageContaining("fax");
        assertThatThrownBy(() -> parse("routes: [{id: a}, {id: a}]")).hasMessageContaining("used twice");
        assertThatThrownBy(() -> parse("defaults: {group_wait: soon}")).hasMessageContaining("soon");
    }

    private RoutingPolicy parse(String yaml) {
        return loader.parse(new Yaml().load(yaml), "test.yaml");
    }

    @Test
    @Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
    void routingAndInhibitionRegexesRunInLinearTime() {
        RoutingPolicy policy = parse("""
                routes:
                  - id: bomb
                    matchers: ['service=~"((a+)*)+b"']
                    channels: [log]
                inhibit_rules:
                  - source_matchers: ['service=~"((a+)*)+b"']
                    target_matchers: ['team!~"((a+)*)+c"']
                    equal: [alertname]
                """);
        Map<String, String> victim = Map.of("service", "a".repeat(40), "team", "a".repeat(40));
        assertThat(policy.routeFor(victim).id()).isEqualTo("default");
        assertThat(policy.inhibitRules().get(0).isSource(victim)).isFalse();
        assertThat(policy.inhibitRules().get(0).isTarget(victim)).isTrue();
    }

    @Test
    void badRegexesFailTheLoadNamingWhere() {
        assertThatThrownBy(() -> parse("routes: [{id: db, matchers: ['team=\"x\"', 'service=~\"(a\"'], channels: [log]}]"))
                .hasMessageContaining("test.yaml: route 'db' matchers[1]").hasMessageContaining("missing closing )");
        assertThatThrownBy(() -> parse("inhibit_rules: [{source_matchers: ['a=~\"(x{1000}){1000}\"'], target_matchers: []}]"))
                .hasMessageContaining("test.yaml: inhibit_rules[0].source_matchers[0]").hasMessageContaining("too complex");
        assertThatThrownBy(() -> parse("routes: [{id: lookahead, matchers: ['a=~\"(?!x)\"'], channels: [log]}]"))
                .hasMessageContaining("route 'lookahead'").hasMessageContaining("RE2");
    }
}
