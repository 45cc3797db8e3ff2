package io.aiopshub.remediation.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * The route with the real ansible-playbook (Debian's ansible package, installed by .ci/run) against
 * localhost over the local connection, touching files in a temporary directory; plus a host on a
 * closed port for the unreachable case.
 */
class AnsibleExecutorSystemIT {

    private static final Path ANSIBLE = Path.of("/usr/bin/ansible-playbook");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private Path playbooks;
    private Path work;
    private AnsibleRoute route;
    private ActionCatalog catalog;

    @BeforeEach
    void setUp() throws Exception {
        assertThat(ANSIBLE).as("Ansible must be installed (apt-get install -y ansible), see .ci/run").isExecutable();
        playbooks = Files.createDirectories(dir.resolve("playbooks"));
        work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(dir.resolve("inventory.ini"), """
                localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3
                ghost ansible_host=127.0.0.1 ansible_port=1 ansible_connection=ssh
                """);
        Files.writeString(playbooks.resolve("touch.yml"), """
                - name: Touch the marker
                  hosts: all
                  gather_facts: false
                  tasks:
                    - name: Write the marker file
                      ansible.builtin.copy:
                        dest: "{{ dir }}/marker.txt"
                        content: "hello from the hub\\n"
                """);
        Files.writeString(playbooks.resolve("untouch.yml"), """
                - name: Remove the marker
                  hosts: all
                  gather_facts: false
                  tasks:
                    - name: Remove the marker file
                      ansible.builtin.file:
                        path: "{{ dir }}/marker.txt"
                        state: absent
                """);
        Files.writeString(playbooks.resolve("fail.yml"), """
                - name: Fail
                  hosts: all
                  gather_facts: false
                  tasks:
                    - name: Fail on purpose
                      ansible.builtin.fail:
                        msg: "the disk in {{ dir }} is on fire"
                """);
        Files.writeString(playbooks.resolve("hang.yml"), """
                - name: Hang
                  hosts: all
                  gather_facts: false
                  tasks:
                    - name: Sleep far past the timeout
                      ansible.builtin.shell: "echo $$ > {{ dir }}/hang.pid && exec sleep 600"
                """);
        Files.writeString(playbooks.resolve("web-only.yml"), """
                - name: Only web servers
                  hosts: webservers
                  gather_facts: false
                  tasks:
                    - name: Ping
                      ansible.builtin.ping:
                """);
        catalog = ActionCatalog.load(new ByteArrayInputStream("""
                version: 1
                actions:
                  - id: touch
                    description: touch a marker
                    risk: low
                    executor: ansible
                    requires_approval: true
                    target: "{host}"
                    parameters:
                      host: {type: string, required: true}
                      dir: {type: string, required: true}
                      playbook: {type: string, required: false}
                    run: {playbook: touch.yml, limit: "{host}", extra_vars: {dir: "{dir}"}}
                    verify: {check: {playbook: touch.yml}}
                    rollback: {playbook: untouch.yml}
                  - id: any
                    description: any playbook
                    risk: high
                    executor: ansible
                    requires_approval: true
                    target: "{host}"
                    parameters:
                      host: {type: string, required: true}
                      dir: {type: string, required: true}
                      playbook: {type: string, required: true}
                    run: {playbook: "{playbook}", limit: "{host}", extra_vars: {dir: "{dir}"}}
                """.getBytes(StandardCharsets.UTF_8)));
        route = new AnsibleRoute(AnsibleRoute.properties(dir.resolve("inventory.ini").toString(), playbooks,
                "ansible-playbook", "ansible-inventory", Files.createDirectories(dir.resolve("tmp"))));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (route != null) {
            route.close();
        }
    }

    private ExecutorResult call(ExecutorPhase phase, String action, Map<String, Object> parameters, Duration timeout) {
        ActionDefinition definition = catalog.get(action).orElseThrow();
        assertThat(new AnsibleSpecCheck().problems(definition)).isEmpty();
        return route.call(phase, definition, parameters, timeout);
    }

    private Map<String, Object> local() {
        return Map.of("host", "localhost", "dir", work.toString());
    }

    private Map<String, Object> playbook(String name, String host) {
        return Map.of("host", host, "dir", work.toString(), "playbook", name);
    }

    @Test
    void dryRunShowsTheDiffAndCreatesNothing() throws Exception {
        ExecutorResult result = call(ExecutorPhase.DRY_RUN, "touch", local(), TIMEOUT);

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("dry run of touch.yml on localhost: 1 task (Write the marker file) would change");
        assertThat(result.output())
                .contains("ansible-playbook touch.yml --limit localhost --check --diff (exit 0)")
                .contains("Would change on localhost:\n  - Write the marker file\n")
                .contains("      +hello from the hub\n");
        assertThat(work.resolve("marker.txt")).doesNotExist();
        try (var left = Files.list(dir.resolve("tmp"))) {
            assertThat(left).as("the extra-vars directory is deleted").isEmpty();
        }
    }

    @Test
    void executeChangesThenTheCheckHoldsAndTheRollbackUndoesIt() throws Exception {
        ExecutorResult check = call(ExecutorPhase.CHECK, "touch", local(), TIMEOUT);
        assertThat(check.succeeded()).isFalse();
        assertThat(check.summary()).isEqualTo("check touch.yml on localhost: does not hold, 1 task (Write the marker file) would change");

        ExecutorResult execute = call(ExecutorPhase.EXECUTE, "touch", local(), TIMEOUT);
        assertThat(execute.succeeded()).as(execute.summary()).isTrue();
        assertThat(execute.summary()).isEqualTo("touch.yml on localhost: ok, 1 task (Write the marker file) changed");
        assertThat(work.resolve("marker.txt")).hasContent("hello from the hub");

        ExecutorResult holds = call(ExecutorPhase.CHECK, "touch", local(), TIMEOUT);
        assertThat(holds.succeeded()).as(holds.summary()).isTrue();
        assertThat(holds.summary()).isEqualTo("check touch.yml on localhost: holds, nothing would change");

        ExecutorResult rollback = call(ExecutorPhase.ROLLBACK, "touch", local(), TIMEOUT);
        assertThat(rollback.succeeded()).as(rollback.summary()).isTrue();
        assertThat(rollback.summary()).isEqualTo("rollback untouch.yml on localhost: ok, 1 task (Remove the marker file) changed");
        assertThat(work.resolve("marker.txt")).doesNotExist();
    }

    @Test
    void failingTaskIsSummarised() {
        ExecutorResult result = call(ExecutorPhase.EXECUTE, "any", playbook("fail.yml", "localhost"), TIMEOUT);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("fail.yml on localhost: task 'Fail on purpose' failed on localhost: the disk in "
                + work + " is on fire");
        assertThat(result.output()).contains("(exit 2)").contains("Failed on localhost:\n  - Fail on purpose: the disk in");
    }

    @Test
    void unreachableHostIsSummarised() {
        ExecutorResult result = call(ExecutorPhase.EXECUTE, "touch", Map.of("host", "ghost", "dir", work.toString()), TIMEOUT);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).startsWith("touch.yml on ghost: ghost is unreachable: Failed to connect to the host via ssh")
                .contains("port 1");
        assertThat(result.output()).contains("(exit 4)").contains("ghost: ok=0 changed=0 unreachable=1");
    }

    @Test
    void hangingTaskIsStoppedAtTheTimeoutWithItsProcesses() throws Exception {
        Instant started = Instant.now();
        // Long enough for Ansible to reach the task on a busy machine.
        ExecutorResult result = call(ExecutorPhase.EXECUTE, "any", playbook("hang.yml", "localhost"), Duration.ofSeconds(15));

        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(45));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("hang.yml on localhost: did not finish within its timeout of 15s and was stopped "
                + "with its worker processes; a task on the host may have been left half done");
        long sleeper = Long.parseLong(Files.readString(work.resolve("hang.pid")).strip());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    }

    @Test
    void playbookWhosePlaysTargetNoneOfTheLimitIsAFailureDespiteExitZero() {
        ExecutorResult result = call(ExecutorPhase.EXECUTE, "any", playbook("web-only.yml", "localhost"), TIMEOUT);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("web-only.yml on localhost: the playbook matched no host: no play of it targets localhost");
        assertThat(result.output()).contains("(exit 0)");
    }

    @Test
    void limitOutsideTheInventoryIsRefusedBeforeThePlaybookRuns() {
        ExecutorResult result = call(ExecutorPhase.EXECUTE, "touch", Map.of("host", "web-01", "dir", work.toString()), TIMEOUT);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("touch.yml on web-01: host 'web-01' is not in the inventory " + dir.resolve("inventory.ini"));
    }

    @Test
    void shippedCleanupPlaybookDeletesOnlyOldFilesAndRefusesSystemRoots() throws Exception {
        route.close();
        route = new AnsibleRoute(AnsibleRoute.properties(dir.resolve("inventory.ini").toString(), Path.of("playbooks"),
                "ansible-playbook", "ansible-inventory", dir.resolve("tmp")));
        Path logs = Files.createDirectories(work.resolve("logs/app"));
        Path old = Files.writeString(logs.resolve("old.log"), "old");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(20))));
        Path fresh = Files.writeString(logs.resolve("fresh.log"), "fresh");
        ActionDefinition cleanup = Fixtures.action("cleanup_disk");
        Map<String, Object> parameters = Map.of("host", "localhost", "path", logs.toString(), "older_than_days", 14);

        ExecutorResult dryRun = route.call(ExecutorPhase.DRY_RUN, cleanup, parameters, TIMEOUT);
        assertThat(dryRun.succeeded()).as(dryRun.summary()).isTrue();
        assertThat(dryRun.summary()).isEqualTo("dry run of cleanup-disk.yml on localhost: 1 task (Delete the old files) would change");
        assertThat(dryRun.output()).contains("  - Delete the old files [" + old + "]\n      path: " + old + "\n      state: file -> absent\n")
                .doesNotContain("fresh.log");
        assertThat(old).exists();

        ExecutorResult execute = route.call(ExecutorPhase.EXECUTE, cleanup, parameters, TIMEOUT);
        assertThat(execute.succeeded()).as(execute.summary()).isTrue();
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();

        for (String root : new String[] {"/", "/etc/", "/usr//"}) {
            ExecutorResult refused = route.call(ExecutorPhase.DRY_RUN, cleanup,
                    Map.of("host", "localhost", "path", root, "older_than_days", 1), TIMEOUT);
            assertThat(refused.succeeded()).as(root).isFalse();
            assertThat(refused.summary()).as(root).startsWith("dry run of cleanup-disk.yml on localhost: task "
                    + "'Refuse system roots, relative paths and odd ages' failed on localhost: refused: path must be absolute");
        }
    }
}
