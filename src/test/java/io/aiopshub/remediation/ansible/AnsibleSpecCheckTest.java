package io.aiopshub.remediation.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.CatalogException;
import io.aiopshub.remediation.catalog.Executor;
import io.aiopshub.remediation.run.RemediationStartupCheck;

class AnsibleSpecCheckTest {

    private final AnsibleSpecCheck check = new AnsibleSpecCheck();

    private static ActionDefinition action(String yaml) {
        String catalog = """
                version: 1
                actions:
                  - id: a
                    description: test
                    risk: low
                    executor: ansible
                    requires_approval: true
                    target: "{host}"
                    parameters:
                      host: {type: string, required: true, pattern: "[a-z0-9-]+"}
                      service: {type: string, required: true, pattern: "[a-z0-9-]+"}
                      note: {type: string, required: false, pattern: "[a-z ]+"}
                """ + yaml.indent(4);
        return ActionCatalog.load(new ByteArrayInputStream(catalog.getBytes(StandardCharsets.UTF_8))).get("a").orElseThrow();
    }

    @Test
    void shippedAnsibleActionsAreFineAndNameShippedPlaybooks() {
        var ansible = Fixtures.CATALOG.actions().stream().filter(a -> a.executor() == Executor.ANSIBLE).toList();

        assertThat(ansible).extracting(ActionDefinition::id)
                .containsExactly("restart_service", "run_ansible_playbook", "cleanup_disk");
        assertThat(ansible).allSatisfy(a -> assertThat(check.problems(a)).isEmpty());
        assertThat(Path.of("playbooks", (String) Fixtures.action("restart_service").run().get("playbook"))).isRegularFile();
        assertThat(Path.of("playbooks", (String) Fixtures.action("cleanup_disk").run().get("playbook"))).isRegularFile();
        assertThat(Path.of("playbooks", (String) Fixtures.action("restart_service").verify().check().get("playbook"))).isRegularFile();
    }

    @Test
    void goodSpecWithCheckAndRollback() {
        assertThat(check.problems(action("""
                run:
                  playbook: restart.yml
                  limit: "{host}"
                  extra_vars: {service: "{service}", note: "{note}", retries: 3, force: true}
                verify:
                  check: {playbook: active.yml}
                rollback: {playbook: restore.yml, extra_vars: {service: "{service}"}}
                """))).isEmpty();
    }

    @Test
    void everyProblemIsNamedWithItsField() {
        assertThat(check.problems(action("""
                run:
                  playbooks: x.yml
                  extra_vars: {ansible_become_password: "{service}", "bad-name": 1, code: "{{ lookup('env','HOME') }}", list: [1], other: "{nope}"}
                verify:
                  check: {limit: "{host}", playbook: ../x.yml}
                rollback: {playbook: "{note}.yml", extra_vars: [a]}
                """))).containsExactlyInAnyOrder(
                "run.playbooks is not a key of the ansible executor (allowed: extra_vars, limit, playbook)",
                "run.playbook is required: a file name in the playbook directory",
                "run.limit is required: the executor never runs a playbook on the whole inventory",
                "run.extra_vars.ansible_become_password: ansible_* variables (connection, become, interpreter) must not come from the catalog",
                "run.extra_vars.bad-name: not a variable name (letters, digits, '_')",
                "run.extra_vars.code: contains a Jinja delimiter ({{, {% or {#), which Ansible would evaluate",
                "run.extra_vars.list: must be a string, number or boolean",
                "run.extra_vars.other uses {nope}, which is not a parameter",
                "verify.check.limit is not a key of the ansible executor (allowed: extra_vars, playbook); the check and the rollback run on the run's limit",
                "verify.check.playbook: playbook '../x.yml' must be a plain file name, not a path",
                "rollback.playbook uses {note}, which must be a required parameter",
                "rollback.extra_vars must be a map of variable name to value");
    }

    @Test
    void limitMustBeOneHostFromARequiredParameter() {
        assertThat(check.problems(action("""
                run: {playbook: a.yml, limit: "{note}"}
                """))).containsExactly("run.limit uses {note}, which must be a required parameter");
        assertThat(check.problems(action("""
                run: {playbook: a.yml, limit: "web*"}
                """))).containsExactly("run.limit: limit 'web*' is a host pattern (it contains '*'): only the exact name of one inventory host is allowed");
        assertThat(check.problems(action("""
                run: {playbook: a.yml, limit: "{host}:!db"}
                """))).containsExactly("run.limit: limit 'h:!db' is a host pattern (it contains ':'): only the exact name of one inventory host is allowed");
        assertThat(check.problems(action("""
                run: {playbook: a.yml, limit: "{host}.example.org"}
                """))).isEmpty();
    }

    @Test
    void startFailsListingEveryAnsibleProblem() throws Exception {
        Path file = Files.createTempFile("catalog", ".yaml");
        Files.writeString(file, """
                version: 1
                actions:
                  - id: a
                    description: test
                    risk: low
                    executor: ansible
                    requires_approval: true
                    target: "{host}"
                    parameters:
                      host: {type: string, required: true}
                    run: {playbook: /etc/x.yml}
                  - id: b
                    description: other executor, not checked here
                    risk: low
                    executor: ssh
                    requires_approval: true
                    target: "{host}"
                    parameters:
                      host: {type: string, required: true}
                    run: {whatever: 1}
                """);
        ActionCatalog catalog = ActionCatalog.load(file);
        Files.delete(file);

        assertThatThrownBy(() -> RemediationStartupCheck.checkEntries(catalog, List.of(check)))
                .isInstanceOf(CatalogException.class)
                .hasMessage(RemediationStartupCheck.ENTRIES
                        + "a: run.playbook: playbook '/etc/x.yml' must be a plain file name, not a path\n"
                        + " - a: run.limit is required: the executor never runs a playbook on the whole inventory");
        RemediationStartupCheck.checkEntries(Fixtures.CATALOG, List.of(check));
    }
}
