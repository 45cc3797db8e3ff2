package io.aiopshub.rca.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import io.aiopshub.rca.group.ChangeEvent;
import io.aiopshub.rca.group.CorrelationGroup;
import io.aiopshub.rca.group.GroupContext;
import io.aiopshub.rca.group.RootCandidate;
import io.aiopshub.remediation.catalog.ActionCatalog;

class RuleBasedAnalystTest {

    private static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");
    private final RuleBasedAnalyst analyst;

    RuleBasedAnalystTest() throws Exception {
        analyst = new RuleBasedAnalyst(RuleBasedAnalyst.loadRules("config/analyst-rules.yaml"),
                ActionCatalog.load(Path.of("playbooks/catalog.yaml")));
    }

    @Test
    void serviceDownSuggestsARestartFilledFromTheLabels() {
        RuleBasedAnalyst.Outcome outcome = analyst.analyze(incident(
                Map.of("alertname", "ServiceDown", "service", "checkout", "instance", "app-3.example:8080"), List.of()));
        assertThat(outcome.ruleId()).isEqualTo("service-down");
        assertThat(outcome.category()).isEqualTo("availability");
        assertThat(outcome.result().rootService()).isEqualTo("checkout");
        assertThat(outcome.result().category()).isEqualTo("availability");
        assertThat(outcome.result().summary()).isEqualTo("checkout is down");
        assertThat(outcome.result().rootCause()).contains("Evidence: alert ServiceDown on checkout (app-3.example)");
        assertThat(outcome.result().suggestedActions()).singleElement().satisfies(a -> {
            assertThat(a.actionId()).isEqualTo("restart_service");
            assertThat(a.parameters()).containsEntry("host", "app-3.example").containsEntry("service", "checkout");
        });
    }

    /** The usual alert names of the common exporters each land in a rule of their own kind, never in the fallback. */
    @Test
    void rulePackCoversTheCommonExporterAlertNames() {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        // node-exporter
        expected.put("HostOutOfDiskSpace", "resources");
        expected.put("HostOutOfInodes", "resources");
        expected.put("HostOutOfMemory", "resources");
        expected.put("HostOomKillDetected", "resources");
        expected.put("HostHighCpuLoad", "resources");
        expected.put("HostCpuStealNoisyNeighbor", "resources");
        expected.put("HostConntrackLimit", "resources");
        expected.put("HostClockSkew", "configuration");
        expected.put("HostClockNotSynchronising", "configuration");
        expected.put("HostNetworkReceiveErrors", "dependency");
        expected.put("HostSystemdServiceCrashed", "availability");
        expected.put("HostRaidDiskFailure", "availability");
        expected.put("NodeFilesystemSpaceFillingUp", "resources");
        // kube-state-metrics / kube-prometheus
        expected.put("KubePodCrashLooping", "availability");
        expected.put("KubePodNotReady", "availability");
        expected.put("KubeDeploymentReplicasMismatch", "availability");
        expected.put("KubeDeploymentGenerationMismatch", "configuration");
        expected.put("KubeContainerWaiting", "availability");
        expected.put("KubeNodeNotReady", "availability");
        expected.put("KubeletDown", "availability");
        expected.put("KubePersistentVolumeFillingUp", "resources");
        expected.put("KubeHpaMaxedOut", "resources");
        expected.put("CPUThrottlingHigh", "resources");
        expected.put("KubeQuotaExceeded", "resources");
        expected.put("KubeJobFailed", "application");
        expected.put("KubeClientCertificateExpiration", "security");
        expected.put("KubernetesContainerOomKiller", "resources");
        expected.put("KubernetesNodeDiskPressure", "resources");
        expected.put("TargetDown", "availability");
        // blackbox
        expected.put("BlackboxProbeFailed", "availability");
        expected.put("BlackboxSslCertificateExpired", "security");
        expected.put("BlackboxSslCertificateWillExpireSoon", "security");
        expected.put("BlackboxProbeSlowHttp", "performance");
        // PostgreSQL, MySQL
        expected.put("PostgresqlDown", "availability");
        expected.put("PostgresqlTooManyConnections", "resources");
        expected.put("PostgresqlTooManyLocksAcquired", "performance");
        expected.put("PostgresqlDeadLocks", "performance");
        expected.put("PostgresqlConfigurationChanged", "configuration");
        expected.put("PostgresqlReplicationLag", "performance");
        expected.put("MysqlDown", "availability");
        expected.put("MysqlTooManyConnections", "resources");
        expected.put("MysqlSlaveSqlThreadNotRunning", "availability");
        expected.put("MysqlSlowQueries", "performance");
        // Redis, Memcached
        expected.put("RedisDown", "availability");
        expected.put("RedisOutOfConfiguredMaxmemory", "resources");
        expected.put("RedisRejectedConnections", "resources");
        expected.put("RedisReplicationBroken", "availability");
        expected.put("MemcachedDown", "availability");
        expected.put("MemcachedConnectionLimitApproaching", "resources");
        // Kafka, RabbitMQ
        expected.put("KafkaTopicsReplicas", "availability");
        expected.put("KafkaConsumersGroupLag", "performance");
        expected.put("RabbitmqNodeDown", "availability");
        expected.put("RabbitmqMemoryHigh", "resources");
        expected.put("RabbitmqFileDescriptorsUsage", "resources");
        expected.put("RabbitmqTooManyUnackMessages", "performance");
        expected.put("RabbitmqDiskAlarm", "resources");
        // Elasticsearch, Nginx
        expected.put("ElasticsearchHeapUsageTooHigh", "resources");
        expected.put("ElasticsearchDiskOutOfSpace", "resources");
        expected.put("ElasticsearchClusterRed", "availability");
        expected.put("ElasticsearchUnassignedShards", "availability");
        expected.put("ElasticsearchHighQueryLatency", "performance");
        expected.put("NginxHighHttp5xxErrorRate", "application");
        expected.put("NginxLatencyHigh", "performance");
        List<String> wrong = new ArrayList<>();
        expected.forEach((alertname, category) -> {
            RuleBasedAnalyst.Outcome outcome = analyst.analyze(incident(Map.of("alertname", alertname, "job", "x-exporter"), List.of()));
            if (outcome.ruleId().equals("fallback") || !outcome.category().equals(category)) {
                wrong.add(alertname + " -> " + outcome.ruleId() + "/" + outcome.category() + " (expected " + category + ")");
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void alertNamesMatchAsWholeWords() {
        assertThat(SignalCollector.words("KubeCPUOvercommit")).isEqualTo(" kube cpu overcommit ");
        assertThat(SignalCollector.words("Http5xxSpike")).isEqualTo(" http5xx spike ");
        // "TooManyLocks" holds the letters o-o-M, "DiskIoUtilization" o-U-t: neither is OOM nor "out of" disk.
        assertThat(analyze("PostgresqlTooManyLocksAcquired").category()).isEqualTo("performance");
        assertThat(analyze("HostUnusualDiskIoUtilization").ruleId()).isNotEqualTo("disk-full");
    }

    /** Log wordings classify whatever the alert that carried them. */
    @Test
    void logTemplateFamiliesGiveTheCategory() {
        assertThat(logCategory("could not write to file <*>: No space left on device")).isEqualTo("resources");
        assertThat(logCategory("Container <*> terminated: OOMKilled (exit code 137)")).isEqualTo("resources");
        assertThat(logCategory("x509: certificate has expired or is not yet valid: current time <*>")).isEqualTo("security");
        assertThat(logCategory("FATAL: password authentication failed for user <*>")).isEqualTo("security");
        assertThat(logCategory("nginx: [emerg] unknown directive <*> in <*>")).isEqualTo("configuration");
        assertThat(logCategory("failed to parse config file <*>: yaml: line <*>: mapping values are not allowed")).isEqualTo("configuration");
        assertThat(logCategory("chronyd: no selectable sources, system clock unsynchronised")).isEqualTo("configuration");
        assertThat(logCategory("payment <*> failed: connection refused to <*>")).isEqualTo("dependency");
        assertThat(logCategory("dial tcp: lookup <*> on <*>:53: no such host")).isEqualTo("dependency");
        assertThat(logCategory("java.lang.NullPointerException at <*>")).isEqualTo("application");
        assertThat(logCategory("HikariPool-1 - Connection is not available, request timed out after <*>")).isEqualTo("resources");
    }

    /** Analysing the symptom incident of a correlated group names the group's root, not the symptom. */
    @Test
    void aSymptomIncidentNamesTheRootOfItsGroup() {
        CorrelationGroup group = new CorrelationGroup("g1", "i2", List.of(
                member("i1", "checkout", "app-1", "HighErrorRate: checkout 5xx above 5%", 60),
                member("i2", "postgres", "db-1", "PostgresqlDown: PostgreSQL is down", 0)));
        GroupContext context = new GroupContext(group, List.of(), List.of(
                new IncidentEvidence.TemplateEvidence("checkout", "T1",
                        "could not connect to server: Connection refused. Is the server running on host <*> and accepting TCP/IP connections on port 5432?", 40,
                        List.of("could not connect to server: Connection refused. Is the server running on host \"db-1\" and accepting TCP/IP connections on port 5432?"))),
                List.of(), Map.of());
        RuleBasedAnalyst.Outcome outcome = analyst.analyze(incident(
                Map.of("alertname", "HighErrorRate", "service", "checkout", "instance", "app-1:8080"), List.of()).withGroup(context));
        assertThat(outcome.result().rootService()).isEqualTo("postgres");
        assertThat(outcome.result().category()).isEqualTo("availability");
        assertThat(outcome.result().summary()).isEqualTo("Symptom of postgres: postgres is down");
        assertThat(outcome.result().rootCause()).contains("alert PostgresqlDown on postgres (db-1)")
                .contains("Symptoms: alert HighErrorRate on checkout (app-1)")
                .contains("log of checkout: \"could not connect to server");
    }

    /** A node alert names only a host; it counts for the service the group shows on that host. */
    @Test
    void hostEvidenceCountsForTheServiceOnThatHost() {
        CorrelationGroup group = new CorrelationGroup("g1", "i1", List.of(
                member("i3", "", "db-1", "NodeFilesystemAlmostOutOfSpace: 1% left", 0),
                member("i2", "postgres", "db-1", "PostgresqlHighRollbackRate: rollbacks", 30),
                member("i1", "checkout", "app-1", "HighErrorRate: 5xx", 60)));
        RuleBasedAnalyst.Outcome outcome = analyst.analyze(incident(Map.of("alertname", "HighErrorRate", "service", "checkout"),
                List.of()).withGroup(new GroupContext(group, List.of(), List.of(), List.of(),
                Map.of("checkout", Set.of("postgres")))));
        assertThat(outcome.result().rootService()).isEqualTo("postgres");
        assertThat(outcome.result().category()).isEqualTo("resources");
        assertThat(outcome.result().summary()).startsWith("Symptom of postgres: postgres is running out of disk space");
    }

    /** A backend's error relayed in a caller's log counts for the backend when the group shows it. */
    @Test
    void aBackendErrorInACallersLogPointsAtTheBackend() {
        CorrelationGroup group = new CorrelationGroup("g1", "i2", List.of(
                member("i1", "web", "", "HighErrorRate: login errors", 60),
                member("i2", "redis-sessions", "cache-1", "RedisMemoryHigh: memory above 90%", 0)));
        GroupContext context = new GroupContext(group, List.of(), List.of(new IncidentEvidence.TemplateEvidence("web", "T9",
                "Failed to save session <*>: OOM command not allowed when used memory > 'maxmemory'.", 12)), List.of(), Map.of());
        RuleBasedAnalyst.Outcome outcome = analyst.analyze(incident(Map.of("alertname", "HighErrorRate", "service", "web"),
                List.of()).withGroup(context));
        assertThat(outcome.result().rootService()).isEqualTo("redis-sessions");
        assertThat(outcome.result().category()).isEqualTo("resources");
    }

    /** Failing calls to something the group does not show: the caller is the root, the category dependency. */
    @Test
    void anOutsideDependencyLeavesTheCallerAsRootWithItsTarget() {
        RuleBasedAnalyst.Outcome outcome = analyst.analyze(new IncidentEvidence("i1", "t", "warning",
                List.of(new IncidentEvidence.AlertEvidence("fp1", "firing", Map.of("alertname", "NewErrorLogTemplate", "service", "orders"))),
                List.of(new IncidentEvidence.TemplateEvidence("orders", "T3", "charge failed: dial tcp <*>: connect: connection refused", 8,
                        List.of("charge failed: dial tcp api.payments.example:443: connect: connection refused")))));
        assertThat(outcome.ruleId()).isEqualTo("log-dependency-unreachable");
        assertThat(outcome.result().rootService()).isEqualTo("orders");
        assertThat(outcome.result().category()).isEqualTo("dependency");
        assertThat(outcome.result().summary()).isEqualTo("orders cannot reach api.payments.example");
        assertThat(outcome.result().rootCause()).contains("cannot work with api.payments.example")
                .contains("log of orders: \"charge failed: dial tcp <*>: connect: connection refused\" (8 lines)");
    }

    /** "What changed?": a change of the root followed by its errors is the cause, and quoted. */
    @Test
    void aChangeBeforeTheErrorsGivesTheCategory() {
        Map<String, String> labels = Map.of("alertname", "HighErrorRate", "service", "search");
        GroupContext config = context(new ChangeEvent("c1", "search", "", "feature-flag",
                "flag search.semantic_ranking enabled for 100% of traffic", T0, Map.of()));
        RuleBasedAnalyst.Outcome flagged = analyst.analyze(incident(labels, List.of()).withGroup(config));
        assertThat(flagged.result().category()).isEqualTo("configuration");
        assertThat(flagged.result().rootCause()).contains("change feature-flag of search at 2026-11-29T04:00:00Z: "
                + "\"flag search.semantic_ranking enabled for 100% of traffic\"");
        GroupContext deploy = context(new ChangeEvent("c2", "search", "", "deploy", "search v2.3.0 rolled out", T0, Map.of()));
        RuleBasedAnalyst.Outcome deployed = analyst.analyze(incident(labels, List.of()).withGroup(deploy));
        assertThat(deployed.result().category()).isEqualTo("application");
        assertThat(deployed.result().summary()).isEqualTo("search was just deployed and since fails a high share of requests");
        // A full disk is its own cause, whatever was deployed.
        RuleBasedAnalyst.Outcome disk = analyst.analyze(incident(Map.of("alertname", "HostOutOfDiskSpace", "service", "search",
                "instance", "s-1:9100"), List.of()).withGroup(deploy));
        assertThat(disk.result().category()).isEqualTo("resources");
    }

    /** Placeholders never run together and a missing label leaves no hole. */
    @Test
    void textsStayReadableWhenLabelsAreMissing() {
        RuleBasedAnalyst.Outcome pod = analyst.analyze(incident(Map.of("alertname", "HighCpuUsage", "namespace", "shop",
                "pod", "image-resizer-5d8f7c9b6-xk2lp"), List.of()));
        assertThat(pod.result().summary()).isEqualTo("image-resizer uses most of its CPU");
        RuleBasedAnalyst.Outcome bare = analyst.analyze(incident(Map.of("alertname", "NodeFilesystemAlmostOutOfSpace"), List.of()));
        assertThat(bare.result().summary()).isEqualTo("NodeFilesystemAlmostOutOfSpace is running out of disk space on a filesystem");
        assertThat(bare.result().rootService()).isNotBlank();
        assertThat(Texts.fill("{{mountpoint|'a filesystem'}} on {{host}}.", Map.of())).isEqualTo("a filesystem on.");
        assertThat(Texts.fill("{{service|pod}} ( {{job}} ) done", Map.of("pod", "p1"))).isEqualTo("p1 done");
    }

    @Test
    void rulesThatWouldRunTogetherOrAreMisconfiguredDoNotLoad(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  - id: glued\n    finding: '{{service}}{{pod}} is slow'\n");
        assertThatThrownBy(() -> RuleBasedAnalyst.loadRules(rules.toString()))
                .hasMessageContaining("rule 'glued' finding").hasMessageContaining("run together");
        Files.writeString(rules, "rules:\n  - id: odd\n    category: network\n");
        assertThatThrownBy(() -> RuleBasedAnalyst.loadRules(rules.toString()))
                .hasMessageContaining("rule 'odd' category").hasMessageContaining("configuration, security, unknown");
        Files.writeString(rules, "rules:\n  - id: heavy\n    weight: 3\n");
        assertThatThrownBy(() -> RuleBasedAnalyst.loadRules(rules.toString())).hasMessageContaining("rule 'heavy' weight");
        Files.writeString(rules, "rules:\n  - id: old\n    summary: '{{service}} is down'\n");
        assertThatThrownBy(() -> RuleBasedAnalyst.loadRules(rules.toString())).hasMessageContaining("rule 'old' summary: renamed");
        Files.writeString(rules, "rules:\n  - id: only\n    labels: ['alertname=\"X\"']\n");
        assertThatThrownBy(() -> new RuleBasedAnalyst(RuleBasedAnalyst.loadRules(rules.toString()),
                ActionCatalog.load(Path.of("playbooks/catalog.yaml")))).hasMessageContaining("fallback rule");
    }

    @Test
    @Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
    void ruleRegexesRunInLinearTime(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - id: label-bomb
                    labels: ['service=~"((a+)*)+b"']
                  - id: template-bomb
                    templates: '((a+)*)+b'
                  - id: fallback
                    finding: "needs a look"
                log_patterns:
                  - id: log-bomb
                    match: '((a+)*)+b'
                """);
        RuleBasedAnalyst bombs = new RuleBasedAnalyst(RuleBasedAnalyst.loadRules(rules.toString()),
                ActionCatalog.load(Path.of("playbooks/catalog.yaml")));
        String aaa = "a".repeat(40);
        RuleBasedAnalyst.Outcome outcome = bombs.analyze(incident(Map.of("alertname", "X", "service", aaa),
                List.of(new IncidentEvidence.TemplateEvidence(aaa, "T1", aaa, 1))));
        assertThat(outcome.ruleId()).isEqualTo("log-error");
    }

    @Test
    void aBadRuleRegexFailsTheLoadNamingTheRule(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  - id: lookbehind\n    templates: '(?<=x)y'\n");
        assertThatThrownBy(() -> RuleBasedAnalyst.loadRules(rules.toString()))
                .hasMessageContaining("rule 'lookbehind' templates").hasMessageContaining("RE2");
        Files.writeString(rules, "rules:\n  - id: huge\n    labels: ['a=~\"(b{1000}){1000}\"']\n");
        assertThatThrownBy(() -> RuleBasedAnalyst.loadRules(rules.toString()))
                .hasMessageContaining("rule 'huge' labels[0]").hasMessageContaining("too complex");
        Files.writeString(rules, "log_patterns:\n  - id: bad\n    match: ['ok', '(?<=x)y']\n");
        assertThatThrownBy(() -> RuleBasedAnalyst.loadRules(rules.toString()))
                .hasMessageContaining("log pattern 'bad' match[1]");
    }

    private RuleBasedAnalyst.Outcome analyze(String alertname) {
        return analyst.analyze(incident(Map.of("alertname", alertname), List.of()));
    }

    private String logCategory(String template) {
        return analyst.analyze(incident(Map.of("alertname", "NewErrorLogTemplate", "service", "svc"),
                List.of(new IncidentEvidence.TemplateEvidence("svc", "T1", template, 3)))).category();
    }

    private static GroupContext context(ChangeEvent change) {
        return new GroupContext(new CorrelationGroup("g", "i1", List.of()), List.of(new RootCandidate("search", 1, List.of())),
                List.of(), List.of(change), Map.of());
    }

    private static CorrelationGroup.Member member(String id, String service, String host, String title, int offsetSeconds) {
        return new CorrelationGroup.Member(id, service, host, title, "high", T0.plusSeconds(offsetSeconds),
                CorrelationGroup.Role.SYMPTOM);
    }

    private static IncidentEvidence incident(Map<String, String> labels, List<IncidentEvidence.TemplateEvidence> templates) {
        return new IncidentEvidence("i1", "t", "warning",
                List.of(new IncidentEvidence.AlertEvidence("fp1", "firing", labels)), templates);
    }
}
