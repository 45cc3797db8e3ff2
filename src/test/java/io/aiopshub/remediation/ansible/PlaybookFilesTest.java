package io.aiopshub.remediation.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookFilesTest {

    @TempDir
    Path dir;

    @Test
    void plainNameOfAnExistingFileResolvesInsideTheDirectory() throws Exception {
        Path playbooks = Files.createDirectory(dir.resolve("playbooks"));
        Files.writeString(playbooks.resolve("restart-service.yml"), "- hosts: all\n");
        Files.writeString(playbooks.resolve("site.v2.yaml"), "- hosts: all\n");

        PlaybookFiles files = new PlaybookFiles(playbooks);

        assertThat(files.resolve("restart-service.yml")).isEqualTo(playbooks.resolve("restart-service.yml"));
        assertThat(files.resolve("site.v2.yaml")).isEqualTo(playbooks.resolve("site.v2.yaml"));
    }

    @Test
    void pathsParentReferencesAndOddNamesAreRefused() {
        PlaybookFiles files = new PlaybookFiles(dir);

        assertThatThrownBy(() -> files.resolve("/etc/ansible/site.yml")).isInstanceOf(AnsibleRefusal.class)
                .hasMessage("playbook '/etc/ansible/site.yml' must be a plain file name, not a path");
        assertThatThrownBy(() -> files.resolve("../secrets.yml")).hasMessage("playbook '../secrets.yml' must be a plain file name, not a path");
        assertThatThrownBy(() -> files.resolve("sub/site.yml")).hasMessageContaining("must be a plain file name");
        assertThatThrownBy(() -> files.resolve("..yml")).hasMessage("playbook '..yml' must not contain '..'");
        assertThatThrownBy(() -> files.resolve("site.sh")).hasMessageContaining("ending in .yml or .yaml");
        assertThatThrownBy(() -> files.resolve("-e.yml")).hasMessageContaining("ending in .yml or .yaml");
        assertThatThrownBy(() -> files.resolve("")).hasMessage("the playbook name is empty");
        assertThatThrownBy(() -> files.resolve("missing.yml")).hasMessage("playbook 'missing.yml' does not exist in " + dir.toAbsolutePath().normalize());
    }

    @Test
    void directoryWithAPlaybookNameIsNotAPlaybook() throws Exception {
        Files.createDirectory(dir.resolve("site.yml"));

        assertThatThrownBy(() -> new PlaybookFiles(dir).resolve("site.yml")).hasMessageContaining("does not exist");
    }

    @Test
    void symbolicLinkOutOfTheDirectoryIsRefused() throws Exception {
        Path playbooks = Files.createDirectory(dir.resolve("playbooks"));
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.yml"), "- hosts: all\n");
        Files.createSymbolicLink(playbooks.resolve("linked.yml"), elsewhere);

        assertThatThrownBy(() -> new PlaybookFiles(playbooks).resolve("linked.yml"))
                .hasMessage("playbook 'linked.yml' links to a file outside " + playbooks);
    }
}
