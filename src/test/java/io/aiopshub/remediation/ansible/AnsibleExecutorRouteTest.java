package io.aiopshub.remediation.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.Route;
import org.apache.camel.spi.IdAware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * The route without Ansible installed: every answer that comes before ansible-playbook, and the way the
 * command reaches the process (arguments, environment, extra-vars file, timeout), with small scripts
 * standing in for ansible-inventory and ansible-playbook. AnsibleExecutorSystemIT runs the real one.
 */
class AnsibleExecutorRouteTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Map<String, Object> RESTART = Map.of("host", "web-01", "service", "nginx");

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** Stand-ins: the inventory prints the recorded --list, the playbook records what it got and prints a recorded report. */
    private AnsibleRoute route(String report, int exit) throws Exception {
        Path inventoryList = Fixtures.DIR.resolve("inventory-list.json").toAbsolutePath();
        Path inventory = script("ansible-inventory", "cat '" + inventoryList + "'\n");
        Path fixture = Fixtures.DIR.resolve(report + ".json").toAbsolutePath();
        Path playbook = script("ansible-playbook", """
                printf '%%s\\n' "$@" > '%1$s/args.txt'
                env | grep '^ANSIBLE_' | sort > '%1$s/env.txt'
                pwd > '%1$s/pwd.txt'
                for a in "$@"; do case "$a" in @*) cat "${a#@}" > '%1$s/vars.txt'; ls -ld "$(dirname "${a#@}")" > '%1$s/vars-dir.txt';; esac; done
                cat '%2$s'
                exit %3$d
                """.formatted(dir, fixture, exit));
        Files.createDirectories(dir.resolve("tmp"));
        return new AnsibleRoute(AnsibleRoute.properties(Fixtures.DIR.resolve("inventory.ini").toString(), Path.of("playbooks"),
                playbook.toString(), inventory.toString(), dir.resolve("tmp")));
    }

    @ParameterizedTest
    @EnumSource(ExecutorPhase.class)
    void withoutAnInventoryEveryPhaseSaysHowToConfigure(ExecutorPhase phase) throws Exception {
        try (AnsibleRoute route = new AnsibleRoute(AnsibleRoute.properties("", Path.of("playbooks"), "ansible-playbook",
                "ansible-inventory", dir))) {
            ExecutorResult result = route.call(phase, Fixtures.action("restart_service"), RESTART, TIMEOUT);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.summary()).isEqualTo("ansible executor is not configured: set aiops.remediation.ansible.inventory");
        }
    }

    @Test
    void routeAndStepsHaveTheirIds() throws Exception {
        try (AnsibleRoute route = route("check-would-change", 0)) {
            assertThat(route.camel().getRoutes()).extracting(Route::getRouteId).containsExactly("executor-ansible");
            Route r = route.camel().getRoute("executor-ansible");
            assertThat(r.getEndpoint().getEndpointUri()).isEqualTo("direct://executor-ansible");
            assertThat(r.filter("*")).extracting(p -> ((IdAware) p).getId()).containsExactly(
                    "executor-ansible-attempt",
                    "executor-ansible-plan",
                    "executor-ansible-inventory-stage",
                    "executor-ansible-inventory-command",
                    "executor-ansible-list-inventory",
                    "executor-ansible-check-limit",
                    "executor-ansible-playbook-stage",
                    "executor-ansible-write-extra-vars",
                    "executor-ansible-run-stage",
                    "executor-ansible-playbook-command",
                    "executor-ansible-run-playbook",
                    "executor-ansible-read-result",
                    "executor-ansible-cannot-start",
                    "executor-ansible-start-failure",
                    "executor-ansible-finally",
                    "executor-ansible-cleanup");
        }
    }

    @Test
    void dryRunPassesExactArgumentsEnvironmentAndAPrivateVarsFileThenDeletesIt() throws Exception {
        try (AnsibleRoute route = route("check-would-change", 0)) {
            ExecutorResult result = route.call(ExecutorPhase.DRY_RUN, Fixtures.action("restart_service"), RESTART, TIMEOUT);

            assertThat(result.succeeded()).as(result.summary()).isTrue();
            assertThat(result.summary()).startsWith("dry run of restart-service.yml on web-01: 1 task (Write the marker file) would change");
            assertThat(result.output()).contains("Would change on localhost:");
            List<String> args = Files.readAllLines(dir.resolve("args.txt"));
            String varsFile = args.get(6);
            assertThat(args).containsExactly(
                    "-i", Fixtures.DIR.resolve("inventory.ini").toAbsolutePath().normalize().toString(),
                    Path.of("playbooks/restart-service.yml").toAbsolutePath().normalize().toString(),
                    "--limit", "web-01",
                    "-e", varsFile,
                    "--check", "--diff");
            assertThat(varsFile).startsWith("@" + dir.resolve("tmp/aiops-ansible-")).endsWith("/extra-vars.json");
            assertThat(Files.readString(dir.resolve("vars.txt"))).isEqualTo("{\"service\":\"nginx\"}");
            assertThat(Files.readString(dir.resolve("vars-dir.txt"))).startsWith("drwx------");
            assertThat(Files.readAllLines(dir.resolve("env.txt"))).contains(
                    "ANSIBLE_HOST_KEY_CHECKING=True", "ANSIBLE_NOCOLOR=1", "ANSIBLE_RETRY_FILES_ENABLED=false",
                    "ANSIBLE_STDOUT_CALLBACK=ansible.posix.json");
            assertThat(Files.readString(dir.resolve("pwd.txt")).strip()).isEqualTo(Path.of("playbooks").toAbsolutePath().toString());
            try (var left = Files.list(dir.resolve("tmp"))) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void executeRunsForRealWithoutCheck() throws Exception {
        try (AnsibleRoute route = route("run-changed", 0)) {
            ExecutorResult result = route.call(ExecutorPhase.EXECUTE, Fixtures.action("cleanup_disk"),
                    Map.of("host", "db-01", "path", "/var/log/app", "older_than_days", 14), TIMEOUT);

            assertThat(result.succeeded()).as(result.summary()).isTrue();
            assertThat(result.summary()).startsWith("cleanup-disk.yml on db-01: ok, 2 tasks");
            assertThat(Files.readAllLines(dir.resolve("args.txt"))).doesNotContain("--check", "--diff")
                    .contains("--limit", "db-01");
            assertThat(Files.readString(dir.resolve("vars.txt"))).isEqualTo("{\"path\":\"/var/log/app\",\"older_than_days\":14}");
        }
    }

    @Test
    void checkRunsTheCheckPlaybookInCheckModeWithTheRunsVars() throws Exception {
        try (AnsibleRoute route = route("check-holds", 0)) {
            ExecutorResult result = route.call(ExecutorPhase.CHECK, Fixtures.action("restart_service"), RESTART, TIMEOUT);

            assertThat(result.succeeded()).as(result.summary()).isTrue();
            assertThat(result.summary()).isEqualTo("check service-active.yml on web-01: holds, nothing would change");
            assertThat(Files.readAllLines(dir.resolve("args.txt")))
                    .contains(Path.of("playbooks/service-active.yml").toAbsolutePath().normalize().toString(), "--check");
            assertThat(Files.readString(dir.resolve("vars.txt"))).isEqualTo("{\"service\":\"nginx\"}");
        }
    }

    @Test
    void prepareIsANoOpAndMissingCheckOrRollbackIsSaid() throws Exception {
        try (AnsibleRoute route = route("run-changed", 0)) {
            ExecutorResult prepare = route.call(ExecutorPhase.PREPARE, Fixtures.action("restart_service"), RESTART, TIMEOUT);
            assertThat(prepare.succeeded()).isTrue();
            assertThat(prepare.summary()).isEqualTo("nothing to prepare: the ansible executor takes no snapshot");

            Map<String, Object> cleanup = Map.of("host", "db-01", "path", "/var/log/app", "older_than_days", 14);
            assertThat(route.call(ExecutorPhase.CHECK, Fixtures.action("cleanup_disk"), cleanup, TIMEOUT).summary())
                    .isEqualTo("this action declares no check (verify.check)");
            assertThat(route.call(ExecutorPhase.ROLLBACK, Fixtures.action("restart_service"), RESTART, TIMEOUT).summary())
                    .isEqualTo("this action declares no rollback");
            assertThat(dir.resolve("args.txt")).doesNotExist();
        }
    }

    @Test
    void refusalsComeBeforeAnyAnsibleRun() throws Exception {
        ActionDefinition any = Fixtures.action("run_ansible_playbook");
        try (AnsibleRoute route = route("run-changed", 0)) {
            assertThat(route.call(ExecutorPhase.EXECUTE, any, Map.of("playbook", "../../etc/x.yml", "host", "web-01"), TIMEOUT).summary())
                    .isEqualTo("playbook '../../etc/x.yml' must be a plain file name, not a path");
            assertThat(route.call(ExecutorPhase.EXECUTE, any, Map.of("playbook", "missing.yml", "host", "web-01"), TIMEOUT).summary())
                    .startsWith("playbook 'missing.yml' does not exist in ");
            assertThat(route.call(ExecutorPhase.EXECUTE, any, Map.of("playbook", "cleanup-disk.yml", "host", "web*"), TIMEOUT).summary())
                    .isEqualTo("limit 'web*' is a host pattern (it contains '*'): only the exact name of one inventory host is allowed");
            assertThat(route.call(ExecutorPhase.EXECUTE, any, Map.of("playbook", "cleanup-disk.yml", "host", "web-09"), TIMEOUT).summary())
                    .isEqualTo("cleanup-disk.yml on web-09: host 'web-09' is not in the inventory "
                            + Fixtures.DIR.resolve("inventory.ini").toAbsolutePath().normalize());
            assertThat(route.call(ExecutorPhase.EXECUTE, any, Map.of("playbook", "cleanup-disk.yml", "host", "web"), TIMEOUT).summary())
                    .startsWith("cleanup-disk.yml on web: limit 'web' is a group of the inventory, not a host");
            assertThat(route.call(ExecutorPhase.EXECUTE, Fixtures.action("restart_service"),
                    Map.of("host", "web-01", "service", "{{ lookup('pipe','id') }}"), TIMEOUT).summary())
                    .startsWith("extra var 'service' contains a Jinja delimiter");
            assertThat(dir.resolve("args.txt")).doesNotExist();
        }
    }

    @Test
    void dryRunOfAPlaybookThatTurnsCheckModeOffIsRefused() throws Exception {
        Path playbooks = Files.createDirectories(dir.resolve("playbooks"));
        Files.writeString(playbooks.resolve("sneaky.yml"), """
                - hosts: all
                  tasks:
                    - ansible.builtin.command: systemctl restart nginx
                      check_mode: no
                """);
        Path playbook = script("ansible-playbook", "touch '" + dir.resolve("ran") + "'\n");
        Path inventory = script("ansible-inventory", "cat '" + Fixtures.DIR.resolve("inventory-list.json").toAbsolutePath() + "'\n");
        try (AnsibleRoute route = new AnsibleRoute(AnsibleRoute.properties(Fixtures.DIR.resolve("inventory.ini").toString(),
                playbooks, playbook.toString(), inventory.toString(), dir))) {
            ExecutorResult result = route.call(ExecutorPhase.DRY_RUN, Fixtures.action("run_ansible_playbook"),
                    Map.of("playbook", "sneaky.yml", "host", "web-01"), TIMEOUT);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.summary()).isEqualTo("playbook sneaky.yml is not safe to run in check mode: sneaky.yml:4: "
                    + "'check_mode: no' makes a task run for real under --check; a dry run of this playbook is refused");
            assertThat(dir.resolve("ran")).doesNotExist();
        }
    }

    @Test
    @Timeout(30)
    void timeoutStopsThePlaybookAndTheProcessesItStarted() throws Exception {
        Path inventory = script("ansible-inventory", "cat '" + Fixtures.DIR.resolve("inventory-list.json").toAbsolutePath() + "'\n");
        // Like Ansible's forked worker: a child that would outlive a signal sent to its parent alone.
        Path playbook = script("ansible-playbook", "sleep 60 &\necho $! > '" + dir.resolve("child.pid") + "'\nwait\n");
        try (AnsibleRoute route = new AnsibleRoute(AnsibleRoute.properties(Fixtures.DIR.resolve("inventory.ini").toString(),
                Path.of("playbooks"), playbook.toString(), inventory.toString(), dir))) {
            long started = System.nanoTime();
            ExecutorResult result = route.call(ExecutorPhase.EXECUTE, Fixtures.action("restart_service"), RESTART, Duration.ofSeconds(2));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(result.succeeded()).isFalse();
            assertThat(result.summary()).isEqualTo("restart-service.yml on web-01: did not finish within its timeout of 2s and was "
                    + "stopped with its worker processes; a task on the host may have been left half done");
            long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
            // The signal is sent before timeout exits, but the child may take a moment to go.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        }
    }

    @Test
    void missingProgramsAreAnswersNotExceptions() throws Exception {
        Path inventory = script("ansible-inventory", "cat '" + Fixtures.DIR.resolve("inventory-list.json").toAbsolutePath() + "'\n");
        try (AnsibleRoute route = new AnsibleRoute(AnsibleRoute.properties(Fixtures.DIR.resolve("inventory.ini").toString(),
                Path.of("playbooks"), dir.resolve("no-such-ansible-playbook").toString(), inventory.toString(), dir))) {
            ExecutorResult result = route.call(ExecutorPhase.EXECUTE, Fixtures.action("restart_service"), RESTART, TIMEOUT);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.summary()).isEqualTo("restart-service.yml on web-01: ansible-playbook could not be started (exit 127): "
                    + "install Ansible or set aiops.remediation.ansible.executable");
        }
        AnsibleProperties noTimeout = new AnsibleProperties(Fixtures.DIR.resolve("inventory.ini").toString(), "playbooks",
                "ansible-playbook", "ansible-inventory", "/usr/bin/env", dir.resolve("no-timeout").toString(),
                Duration.ofSeconds(2), Duration.ofSeconds(30), dir.toString());
        try (AnsibleRoute route = new AnsibleRoute(noTimeout)) {
            ExecutorResult result = route.call(ExecutorPhase.EXECUTE, Fixtures.action("restart_service"), RESTART, TIMEOUT);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.summary()).startsWith("restart-service.yml on web-01: cannot start " + dir.resolve("no-timeout"))
                    .endsWith("(aiops.remediation.ansible.timeout-executable)");
        }
    }

    @Test
    void missingInventoryFileIsSaid() throws Exception {
        try (AnsibleRoute route = new AnsibleRoute(AnsibleRoute.properties(dir.resolve("nope.ini").toString(), Path.of("playbooks"),
                "ansible-playbook", "ansible-inventory", dir))) {
            assertThat(route.call(ExecutorPhase.DRY_RUN, Fixtures.action("restart_service"), RESTART, TIMEOUT).summary())
                    .isEqualTo("ansible inventory " + dir.resolve("nope.ini") + " does not exist (aiops.remediation.ansible.inventory)");
        }
    }
}
