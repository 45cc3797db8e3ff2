package io.aiopshub.remediation.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.executor.ExecutorPhase;

class AnsibleCommandsTest {

    private final AnsibleProperties properties = new AnsibleProperties("/etc/aiops/inventory.ini", "/srv/playbooks",
            "ansible-playbook", "ansible-inventory", "/usr/bin/env", "/usr/bin/timeout", Duration.ofSeconds(10),
            Duration.ofSeconds(30), "");
    private final AnsibleCommands commands = new AnsibleCommands(properties);

    @Test
    void dryRunIsCheckAndDiffWithTheExtraVarsFileUnderTimeoutAndEnv() {
        AnsibleInvocation dryRun = new AnsibleInvocation(ExecutorPhase.DRY_RUN, "restart-service.yml",
                Path.of("/srv/playbooks/restart-service.yml"), "web-01", Map.of("service", "nginx"), true);

        AnsibleCommand command = commands.playbook(dryRun, Path.of("/tmp/aiops-ansible-1/extra-vars.json"), Duration.ofMinutes(5));

        assertThat(command.executable()).isEqualTo("/usr/bin/timeout");
        assertThat(command.args()).containsExactly(
                "--kill-after=10s", "300s",
                "/usr/bin/env",
                "ANSIBLE_STDOUT_CALLBACK=ansible.posix.json",
                "ANSIBLE_HOST_KEY_CHECKING=True",
                "ANSIBLE_RETRY_FILES_ENABLED=false",
                "ANSIBLE_NOCOLOR=1",
                "ansible-playbook",
                "-i", "/etc/aiops/inventory.ini",
                "/srv/playbooks/restart-service.yml",
                "--limit", "web-01",
                "-e", "@/tmp/aiops-ansible-1/extra-vars.json",
                "--check", "--diff");
        assertThat(command.limit()).isEqualTo(Duration.ofMinutes(5));
        assertThat(command.execTimeout()).isEqualTo(Duration.ofSeconds(315));
    }

    @Test
    void realRunWithoutExtraVarsHasNeitherCheckNorE() {
        AnsibleInvocation execute = new AnsibleInvocation(ExecutorPhase.EXECUTE, "site.yml",
                Path.of("/srv/playbooks/site.yml"), "db-01", Map.of(), false);

        assertThat(commands.playbook(execute, null, Duration.ofMillis(2500)).args()).containsExactly(
                "--kill-after=10s", "2.500s",
                "/usr/bin/env",
                "ANSIBLE_STDOUT_CALLBACK=ansible.posix.json",
                "ANSIBLE_HOST_KEY_CHECKING=True",
                "ANSIBLE_RETRY_FILES_ENABLED=false",
                "ANSIBLE_NOCOLOR=1",
                "ansible-playbook",
                "-i", "/etc/aiops/inventory.ini",
                "/srv/playbooks/site.yml",
                "--limit", "db-01");
    }

    @Test
    void inventoryListsWithTheSameWrapper() {
        AnsibleCommand command = commands.inventory(Duration.ofSeconds(30));

        assertThat(command.executable()).isEqualTo("/usr/bin/timeout");
        assertThat(command.args()).containsExactly(
                "--kill-after=10s", "30s",
                "/usr/bin/env",
                "ANSIBLE_STDOUT_CALLBACK=ansible.posix.json",
                "ANSIBLE_HOST_KEY_CHECKING=True",
                "ANSIBLE_RETRY_FILES_ENABLED=false",
                "ANSIBLE_NOCOLOR=1",
                "ansible-inventory",
                "-i", "/etc/aiops/inventory.ini",
                "--list");
    }

    @Test
    void secondsAreCoreutilsDurations() {
        assertThat(AnsibleCommands.seconds(Duration.ofMinutes(15))).isEqualTo("900s");
        assertThat(AnsibleCommands.seconds(Duration.ofMillis(1))).isEqualTo("0.001s");
        assertThat(AnsibleCommands.seconds(Duration.ZERO)).isEqualTo("0.001s");
    }
}
