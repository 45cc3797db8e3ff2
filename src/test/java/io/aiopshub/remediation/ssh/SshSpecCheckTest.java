package io.aiopshub.remediation.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.run.RemediationStartupCheck;
import io.aiopshub.remediation.catalog.CatalogException;
import io.aiopshub.remediation.catalog.Executor;

/** The ssh executor's terms in the catalog, checked at start. */
class SshSpecCheckTest {

    private final SshSpecCheck check = new SshSpecCheck();

    @Test
    void theShippedSshActionsAreInTheExecutorsTerms() {
        ActionCatalog shipped = ActionCatalog.load(Path.of("playbooks/catalog.yaml"));

        assertThat(shipped.actions()).filteredOn(a -> a.executor() == Executor.SSH).isNotEmpty()
                .allSatisfy(a -> assertThat(check.problems(a)).as(a.id()).isEmpty());
        RemediationStartupCheck.checkEntries(shipped, List.of(check));
    }

    @Test
    void everyProblemOfAnActionIsNamed() {
        ActionCatalog catalog = catalog("""
                    run:
                      hots: "{host}"
                      command: "systemctl restart {service} && rm -rf {dir}"
                    verify:
                      description: up
                      check:
                        host: "{host}; reboot"
                        command: "test '{service}' = x"
                    rollback:
                      host: "{host}"
                """);

        assertThat(check.problems(catalog.actions().get(0))).containsExactlyInAnyOrder(
                "action 'broken': run: unknown key 'hots' (the ssh executor knows host, command)",
                "action 'broken': run.host is required",
                "action 'broken': run.command uses {dir}, which is not a parameter of the action",
                "action 'broken': run.command contains the shell operator '&': 'timeout N' would not cover all of it;"
                        + " call one command or a script on the host",
                "action 'broken': verify.check.host must be a host name or a {parameter}, got '{host}; reboot'",
                "action 'broken': verify.check.command has {service} inside quotes: the executor quotes parameter values itself",
                "action 'broken': rollback.command is required (a command line template)");
    }

    @Test
    void theStartStopsWithEveryProblemListed() {
        ActionCatalog catalog = catalog("""
                    run:
                      host: "{host}"
                      command: "echo {service} > /etc/motd"
                """);

        assertThatThrownBy(() -> RemediationStartupCheck.checkEntries(catalog, List.of(check)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(RemediationStartupCheck.ENTRIES)
                .hasMessageContaining("action 'broken': run.command contains the shell operator '>'");
    }

    private static ActionCatalog catalog(String spec) {
        String yaml = """
                version: 1
                actions:
                  - id: broken
                    description: A broken ssh action.
                    risk: low
                    executor: ssh
                    requires_approval: true
                    parameters:
                      host: {type: string, required: true, description: host}
                      service: {type: string, required: true, description: unit}
                    target: "{host}"
                """ + spec;
        return ActionCatalog.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
