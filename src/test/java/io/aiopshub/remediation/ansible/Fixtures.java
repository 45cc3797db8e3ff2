package io.aiopshub.remediation.ansible;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;

/** The recorded ansible-playbook outputs (record.sh beside them says how they were made) and test helpers. */
final class Fixtures {

    static final Path DIR = Path.of("src/test/resources/fixtures/ansible");
    static final ActionCatalog CATALOG = ActionCatalog.load(Path.of("playbooks/catalog.yaml"));

    private Fixtures() {
    }

    static String stdout(String name) {
        return read(name + ".json");
    }

    static String stderr(String name) {
        Path file = DIR.resolve(name + ".stderr.txt");
        return Files.exists(file) ? read(name + ".stderr.txt") : "";
    }

    static int exit(String name) {
        return Integer.parseInt(read(name + ".rc").strip());
    }

    static String read(String file) {
        try {
            return Files.readString(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ActionDefinition action(String id) {
        return CATALOG.get(id).orElseThrow();
    }

    static ExecutorRequest request(ExecutorPhase phase, ActionDefinition action, Map<String, Object> parameters,
                                   java.time.Duration timeout) {
        return new ExecutorRequest("run-1", phase, action, parameters, Map.of(), timeout);
    }
}
