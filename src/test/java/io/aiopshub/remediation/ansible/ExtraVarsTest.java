package io.aiopshub.remediation.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtraVarsTest {

    @TempDir
    Path dir;

    @Test
    void wholePlaceholderKeepsTheParameterTypeAndTextIsFilled() {
        Map<String, Object> templates = new LinkedHashMap<>();
        templates.put("path", "{path}");
        templates.put("older_than_days", "{older_than_days}");
        templates.put("note", "cleanup of {path}");
        templates.put("dry", false);

        assertThat(ExtraVars.fill(templates, Map.of("path", "/var/log/app", "older_than_days", 14)))
                .containsExactly(Map.entry("path", "/var/log/app"), Map.entry("older_than_days", 14),
                        Map.entry("note", "cleanup of /var/log/app"), Map.entry("dry", false));
    }

    @Test
    void optionalParameterWithoutValueLeavesTheVariableOut() {
        assertThat(ExtraVars.fill(Map.of("comment", "{comment}", "label", "x-{comment}"), Map.of())).isEmpty();
    }

    @Test
    void jinjaInAValueIsRefused() {
        assertThatThrownBy(() -> ExtraVars.fill(Map.of("service", "{service}"),
                Map.of("service", "{{ lookup('pipe', 'id') }}")))
                .isInstanceOf(AnsibleRefusal.class)
                .hasMessage("extra var 'service' contains a Jinja delimiter ({{, {% or {#), which Ansible would evaluate");
        assertThat(ExtraVars.jinja("{% if %}")).isTrue();
        assertThat(ExtraVars.jinja("{# c #}")).isTrue();
        assertThat(ExtraVars.jinja("{single}")).isFalse();
    }

    @Test
    void fileIsJsonInAPrivateDirectoryAndDeletedWithIt() throws Exception {
        Path written = ExtraVars.write(dir, Map.of("service", "nginx", "days", 3));
        Path file = written.resolve(ExtraVars.FILE_NAME);

        assertThat(written.getParent()).isEqualTo(dir);
        assertThat(written.getFileName().toString()).startsWith("aiops-ansible-");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).satisfiesAnyOf(
                text -> assertThat(text).isEqualTo("{\"service\":\"nginx\",\"days\":3}"),
                text -> assertThat(text).isEqualTo("{\"days\":3,\"service\":\"nginx\"}"));

        ExtraVars.delete(written);
        assertThat(written).doesNotExist();
        ExtraVars.delete(written);
        ExtraVars.delete(null);
    }

    @Test
    void unwritableParentIsARefusalNotACrash() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> ExtraVars.write(notADirectory.resolve("sub"), Map.of("a", 1)))
                .isInstanceOf(AnsibleRefusal.class)
                .hasMessageStartingWith("cannot write the extra vars file under " + notADirectory.resolve("sub"));
    }
}
