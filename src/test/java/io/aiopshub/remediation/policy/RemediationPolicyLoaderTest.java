package io.aiopshub.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.Risk;

/** Reading and checking config/remediation.yaml: the shipped defaults, a full policy, and every mistake named by its field. */
class RemediationPolicyLoaderTest {

    final RemediationPolicyLoader loader = new RemediationPolicyLoader(TestCatalog.load());

    @Test
    void theShippedFileDeniesEveryApprovalAndRunsNothingByItself() {
        RemediationPolicy shipped = new RemediationPolicyLoader(ActionCatalog.load(Path.of("playbooks/catalog.yaml")))
                .load("config/remediation.yaml");
        assertThat(shipped.approvers()).containsOnlyKeys(Risk.LOW, Risk.MEDIUM, Risk.HIGH)
                .allSatisfy((risk, who) -> assertThat(who).isEmpty());
        assertThat(shipped.autoRun()).isEmpty();
        assertThat(shipped.limits()).isEqualTo(new Limits(3, 3, 5));
        assertThat(shipped.breaker()).isEqualTo(new BreakerSettings(3, Duration.ofHours(24)));
    }

    @Test
    void withoutTheFileTheBundledCopyApplies() throws IOException {
        Path missing = Files.createTempDirectory("policy").resolve("remediation.yaml");
        RemediationPolicy bundled = new RemediationPolicyLoader(ActionCatalog.load(Path.of("playbooks/catalog.yaml")))
                .load(missing.toString());
        assertThat(bundled.autoRun()).isEmpty();
        assertThat(bundled.approvers().get(Risk.HIGH)).isEmpty();
        assertThat(bundled.limits()).isEqualTo(Limits.DEFAULTS);
    }

    @Test
    void aFullPolicyReadsAsWritten() {
        RemediationPolicy policy = loader.parseText("""
                version: 1
                approvers:
                  high: &leads [alice, "api:bob", "telegram:123456789", "slack:U024BE7LH"]
                  medium: *leads
                  low: [carol]
                auto_run:
                  - action: start_vm
                    matchers: ['alertname="VMDown"', 'env=~"lab|staging"']
                limits: {max_concurrent_runs: 1, max_runs_per_target_per_hour: 2, max_targets_per_action_per_hour: 4}
                breaker: {failures: 5, window: 90m}
                """, "test.yaml");
        assertThat(policy.approvers().get(Risk.HIGH))
                .containsExactlyInAnyOrder("api:alice", "api:bob", "telegram:123456789", "slack:U024BE7LH");
        assertThat(policy.approvers().get(Risk.MEDIUM)).isEqualTo(policy.approvers().get(Risk.HIGH));
        assertThat(policy.approvers().get(Risk.LOW)).containsExactly("api:carol");
        assertThat(policy.autoRun()).singleElement().satisfies(rule -> {
            assertThat(rule.action()).isEqualTo("start_vm");
            assertThat(rule.matchers()).hasSize(2);
        });
        assertThat(policy.limits()).isEqualTo(new Limits(1, 2, 4));
        assertThat(policy.breaker()).isEqualTo(new BreakerSettings(5, Duration.ofMinutes(90)));
    }

    @Test
    void leftOutSectionsTakeTheDefaults() {
        RemediationPolicy policy = loader.parseText("approvers: {high: [alice]}\n", "test.yaml");
        assertThat(policy.limits()).isEqualTo(Limits.DEFAULTS);
        assertThat(policy.breaker()).isEqualTo(BreakerSettings.DEFAULTS);
        assertThat(policy.autoRun()).isEmpty();
        assertThat(policy.approvers().get(Risk.LOW)).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceEachWithItsField() {
        RemediationPolicyException e = catchThrowableOfType(RemediationPolicyException.class, () -> loader.parseText("""
                version: 2
                approvers:
                  critical: [alice]
                  high: ["*", "telegram:abc", "slack:u024", "mastodon:bob", alice, alice, on, "has space"]
                  medium: alice
                auto_run:
                  - action: restart_service
                    matchers: ['alertname="X"']
                  - action: reboot_host
                    matchers: ['alertname="X"']
                  - action: flush_cache
                    matchers: ['alertname="X"']
                  - action: nope
                    matchers: ['alertname="X"']
                  - matchers: ['alertname="X"']
                  - action: start_vm
                  - action: start_vm
                    matchers: ['env=~".*"']
                  - action: start_vm
                    matchers: ['env=~"("', 'no matcher', 42]
                  - action: start_vm
                    matchers: ['alertname="X"']
                    when: always
                  - just text
                limits: {max_concurrent_runs: 0, max_runs_per_target_per_hour: "3", max_targets_per_action_per_hour: 1001, max_fun: 1}
                breaker: {failures: -1, window: soon, reset: auto}
                extra: true
                """, "bad.yaml"));
        assertThat(e).isNotNull();
        List<String> problems = e.problems();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("version: must be 1"))
                .anySatisfy(p -> assertThat(p).startsWith("approvers.critical: unknown risk tier"))
                .anySatisfy(p -> assertThat(p).startsWith("approvers.high[0]: '*' is not an API token name"))
                .anySatisfy(p -> assertThat(p).startsWith("approvers.high[1]: 'telegram:abc' is not a Telegram user id"))
                .anySatisfy(p -> assertThat(p).startsWith("approvers.high[2]: 'slack:u024' is not a Slack member id"))
                .anySatisfy(p -> assertThat(p).startsWith("approvers.high[3]: 'mastodon:bob' has unknown kind 'mastodon'"))
                .anySatisfy(p -> assertThat(p).isEqualTo("approvers.high[5]: api:alice is listed twice"))
                .anySatisfy(p -> assertThat(p).startsWith("approvers.high[6]: must be a string"))
                .anySatisfy(p -> assertThat(p).startsWith("approvers.high[7]: 'has space' is not an API token name"))
                .anySatisfy(p -> assertThat(p).startsWith("approvers.medium: must be a list"))
                .anySatisfy(p -> assertThat(p).isEqualTo(
                        "auto_run[0].action: restart_service is medium risk; only low-risk actions may run without approval"))
                .anySatisfy(p -> assertThat(p).isEqualTo(
                        "auto_run[1].action: reboot_host is high risk; only low-risk actions may run without approval"))
                .anySatisfy(p -> assertThat(p).startsWith("auto_run[2].action: flush_cache has requires_approval: true"))
                .anySatisfy(p -> assertThat(p).startsWith("auto_run[3].action: unknown action 'nope'"))
                .anySatisfy(p -> assertThat(p).startsWith("auto_run[4].action: is required"))
                .anySatisfy(p -> assertThat(p).startsWith("auto_run[5].matchers: is required"))
                .anySatisfy(p -> assertThat(p).startsWith("auto_run[6].matchers: at least one matcher must not match an empty label"))
                .anySatisfy(p -> assertThat(p).startsWith("auto_run[7].matchers[0]: matcher for 'env' has an invalid regex"))
                .anySatisfy(p -> assertThat(p).startsWith("auto_run[7].matchers[1]: 'no matcher' is not a matcher"))
                .anySatisfy(p -> assertThat(p).startsWith("auto_run[7].matchers[2]: must be a string"))
                .anySatisfy(p -> assertThat(p).startsWith("auto_run[8].when: unknown key"))
                .anySatisfy(p -> assertThat(p).startsWith("auto_run[9]: must be a mapping"))
                .anySatisfy(p -> assertThat(p).startsWith("limits.max_concurrent_runs: must be a whole number from 1 to 1000"))
                .anySatisfy(p -> assertThat(p).startsWith("limits.max_runs_per_target_per_hour: must be a whole number"))
                .anySatisfy(p -> assertThat(p).startsWith("limits.max_targets_per_action_per_hour: must be a whole number"))
                .anySatisfy(p -> assertThat(p).startsWith("limits.max_fun: unknown key"))
                .anySatisfy(p -> assertThat(p).startsWith("breaker.failures: must be a whole number from 1 to 100"))
                .anySatisfy(p -> assertThat(p).startsWith("breaker.window: must be a duration"))
                .anySatisfy(p -> assertThat(p).startsWith("breaker.reset: unknown key"))
                .anySatisfy(p -> assertThat(p).startsWith("extra: unknown key"));
        assertThat(problems).hasSize(30);
        assertThat(e.getMessage()).startsWith("Invalid remediation policy bad.yaml:\n - ");
    }

    @Test
    void wrongShapesAreNamedToo() {
        assertThat(problems("approvers: [alice]\n")).containsExactly(
                "approvers: must be a mapping of risk tier (low, medium, high) to a list of identities");
        assertThat(problems("auto_run: {action: start_vm}\n")).containsExactly("auto_run: must be a list of {action, matchers}");
        assertThat(problems("limits: 3\nbreaker: [1]\n")).containsExactly("limits: must be a mapping", "breaker: must be a mapping");
        assertThat(problems("- a list\n")).singleElement().asString().startsWith("expected a mapping");
        assertThat(problems("approvers: {high: [alice\n")).singleElement().asString().startsWith("not valid YAML");
        assertThat(problems("")).singleElement().asString().startsWith("expected a mapping");
    }

    @Test
    void aBrokenFileAtStartFailsTheStartNamingEveryProblem() throws IOException {
        Path file = Files.createTempDirectory("policy").resolve("remediation.yaml");
        Files.writeString(file, "approvers: {high: [\"*\"]}\nlimits: {max_concurrent_runs: 0}\n");
        assertThatThrownBy(() -> loader.load(file.toString()))
                .isInstanceOf(RemediationPolicyException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("approvers.high[0]")
                .hasMessageContaining("limits.max_concurrent_runs");
    }

    @Test
    void identitiesOfEveryKindHaveOneCanonicalSpelling() {
        assertThat(Identity.canonical("alice")).isEqualTo("api:alice");
        assertThat(Identity.canonical("api:alice")).isEqualTo("api:alice");
        assertThat(Identity.canonical("telegram:42")).isEqualTo("telegram:42");
        assertThat(Identity.canonical("slack:U1")).isEqualTo("slack:U1");
        // Not an identity: stays as it is, so it can never equal a listed approver.
        assertThat(Identity.canonical("analysis:llm")).isEqualTo("analysis:llm");
        assertThat(Identity.parse("telegram:0").identity()).isNull();
        assertThat(Identity.parse("api:").identity()).isNull();
    }

    @Test
    void peopleSignedInThroughOpenIdAreApproversByTheirOidcName() {
        RemediationPolicy policy = loader.parseText("""
                approvers:
                  medium: ["oidc:dana", "oidc:erin.k+ops@example.com", "oidc:José"]
                """, "test.yaml");
        assertThat(policy.approvers().get(Risk.MEDIUM))
                .containsExactlyInAnyOrder("oidc:dana", "oidc:erin.k+ops@example.com", "oidc:José");
        assertThat(policy.mayApprove(Risk.MEDIUM, "oidc:dana")).isTrue();
        // The same name through another door is another person: an API token named dana is not oidc:dana.
        assertThat(policy.mayApprove(Risk.MEDIUM, "dana")).isFalse();
        assertThat(policy.mayApprove(Risk.MEDIUM, "api:dana")).isFalse();

        assertThat(problems("approvers: {high: [\"oidc:\", \"oidc:has space\", \"oidc:a:b\"]}\n"))
                .containsExactly(
                        "approvers.high[0]: 'oidc:' is not an OpenID user name (letters, digits, _ . @ + -, at most 128 characters)",
                        "approvers.high[1]: 'oidc:has space' is not an OpenID user name (letters, digits, _ . @ + -, at most 128 characters)",
                        "approvers.high[2]: 'oidc:a:b' is not an OpenID user name (letters, digits, _ . @ + -, at most 128 characters)");
    }

    private List<String> problems(String yaml) {
        return catchThrowableOfType(RemediationPolicyException.class, () -> loader.parseText(yaml, "t.yaml")).problems();
    }
}
