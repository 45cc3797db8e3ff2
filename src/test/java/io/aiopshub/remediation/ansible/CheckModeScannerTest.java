package io.aiopshub.remediation.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckModeScannerTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private List<String> scan(String playbook) throws IOException {
        return new CheckModeScanner(dir).problems(write("site.yml", playbook));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "no", "False", "off", "\"no\"", "'false'", "0", "n", "\"{{ really }}\"", "[]"})
    void checkModeThatMayBeFalseIsFound(String value) throws IOException {
        List<String> problems = scan("""
                - hosts: all
                  tasks:
                    - name: Harmless
                      ansible.builtin.ping:
                    - name: Really runs
                      ansible.builtin.command: rm -rf /srv/data
                      check_mode: %s
                """.formatted(value));

        assertThat(problems).singleElement().asString()
                .startsWith("site.yml:7: 'check_mode: ")
                .endsWith("' makes a task run for real under --check; a dry run of this playbook is refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "yes", "True", "on", "\"yes\""})
    void checkModeTrueIsFine(String value) throws IOException {
        assertThat(scan("""
                - hosts: all
                  check_mode: %s
                  tasks:
                    - ansible.builtin.ping:
                """.formatted(value))).isEmpty();
    }

    @Test
    void findsItAtPlayLevelInBlocksAndHandlers() throws IOException {
        List<String> problems = scan("""
                - hosts: all
                  check_mode: no
                  tasks:
                    - block:
                        - ansible.builtin.shell: systemctl restart x
                          check_mode: false
                  handlers:
                    - name: h
                      ansible.builtin.command: reboot
                      check_mode: false
                """);

        assertThat(problems).hasSize(3).allSatisfy(p -> assertThat(p).contains("makes a task run for real"));
        assertThat(problems).extracting(p -> p.substring(0, p.indexOf(": "))).containsExactly("site.yml:2", "site.yml:6", "site.yml:10");
    }

    @Test
    void followsImportedAndIncludedFiles() throws IOException {
        write("tasks/inner.yml", """
                - ansible.builtin.command: touch /tmp/x
                  check_mode: false
                """);
        write("tasks/outer.yml", """
                - ansible.builtin.include_tasks:
                    file: inner.yml
                """);
        write("other.yml", """
                - hosts: all
                  tasks:
                    - import_tasks: tasks/outer.yml
                """);

        List<String> problems = scan("""
                - import_playbook: other.yml
                """);

        assertThat(problems).singleElement().asString().startsWith("tasks/inner.yml:2: 'check_mode: false'");
    }

    @Test
    void followsRolesUnderTheRolesDirectory() throws IOException {
        write("roles/web/tasks/main.yml", """
                - ansible.builtin.import_tasks: restart.yml
                """);
        write("roles/web/tasks/restart.yml", """
                - ansible.builtin.service: {name: nginx, state: restarted}
                  check_mode: no
                """);
        write("roles/web/meta/main.yml", """
                dependencies:
                  - role: common
                """);
        write("roles/common/handlers/main.yml", """
                - name: reload
                  ansible.builtin.command: reload-everything
                  check_mode: false
                """);

        List<String> problems = scan("""
                - hosts: all
                  roles:
                    - web
                """);

        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("roles/web/tasks/restart.yml:2:"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("roles/common/handlers/main.yml:3:"));
    }

    @Test
    void whatCannotBeFollowedIsAProblem() throws IOException {
        List<String> problems = scan("""
                - hosts: all
                  roles:
                    - community.general.something
                    - { role: missing }
                  tasks:
                    - include_tasks: "{{ which }}.yml"
                    - import_tasks: nowhere.yml
                    - include_role:
                        name: "{{ role_name }}"
                    - import_tasks: ../outside.yml
                """);

        assertThat(problems).containsExactly(
                "site.yml:3: role 'community.general.something' is not under " + dir.resolve("roles")
                        + "; it cannot be checked for check_mode: false",
                "site.yml:4: role 'missing' is not under " + dir.resolve("roles") + "; it cannot be checked for check_mode: false",
                "site.yml:6: cannot follow the templated include '{{ which }}.yml' to check it for check_mode: false",
                "site.yml:7: includes 'nowhere.yml', which is not a file under " + dir + "; it cannot be checked for check_mode: false",
                "site.yml:9: cannot follow the role '{{ role_name }}' to check it for check_mode: false",
                "site.yml:10: includes '../outside.yml', which is not a file under " + dir + "; it cannot be checked for check_mode: false");
    }

    @Test
    void somethingElseThanAPlaybookOrBrokenYamlIsAProblem() throws IOException {
        assertThat(scan("version: 1\nactions: []\n")).containsExactly(
                "site.yml is not a playbook: expected one YAML document with a list of plays");
        assertThat(scan("- hosts: all\n  tasks:\n   - name: x\n    bad: [\n")).singleElement().asString()
                .startsWith("site.yml cannot be read as YAML: ");
    }

    @Test
    void ansibleTagsNeedNoSupport() throws IOException {
        assertThat(scan("""
                - hosts: all
                  vars:
                    password: !vault |
                      $ANSIBLE_VAULT;1.1;AES256
                      6231
                    raw: !unsafe '{{ not a template }}'
                  tasks:
                    - ansible.builtin.ping:
                """)).isEmpty();
    }

    @Test
    @Timeout(10)
    void aliasBombIsWalkedOnce() throws IOException {
        StringBuilder yaml = new StringBuilder("- hosts: all\n  vars:\n    a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("    a").append(i).append(": &a").append(i).append(" [");
            yaml.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
        }
        yaml.append("  tasks:\n    - ansible.builtin.ping:\n      check_mode: false\n");

        assertThat(scan(yaml.toString())).singleElement().asString().contains("'check_mode: false'");
    }

    @Test
    void shippedPlaybooksAreSafeUnderCheck() throws IOException {
        Path shipped = Path.of("playbooks");
        CheckModeScanner scanner = new CheckModeScanner(shipped);
        try (Stream<Path> files = Files.list(shipped)) {
            List<Path> playbooks = files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            assertThat(playbooks).extracting(p -> p.getFileName().toString())
                    .contains("restart-service.yml", "cleanup-disk.yml", "service-active.yml");
            assertThat(playbooks).allSatisfy(p -> assertThat(scanner.problems(p)).isEmpty());
        }
    }
}
