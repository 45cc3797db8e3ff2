package io.aiopshub.remediation.ansible;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.remediation.catalog.Templates;

/**
 * The extra variables of a run: filled from the catalog's {@code extra_vars} and written as JSON into a
 * private directory for {@code -e @file} (values never appear on the command line, where {@code ps}
 * shows them to every user of the machine).
 */
final class ExtraVars {

    static final String FILE_NAME = "extra-vars.json";
    private static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExtraVars() {
    }

    /**
     * The values for a run. A value that is exactly one placeholder keeps the parameter's type (an integer
     * stays a number); an optional parameter without a value leaves its variable out.
     */
    static Map<String, Object> fill(Map<?, ?> templates, Map<String, ?> parameters) {
        Map<String, Object> vars = new LinkedHashMap<>();
        if (templates == null) {
            return vars;
        }
        templates.forEach((name, template) -> {
            Object value = template;
            if (template instanceof String text) {
                Matcher whole = WHOLE_PLACEHOLDER.matcher(text);
                value = whole.matches() ? parameters.get(whole.group(1)) : Templates.fillIfPresent(text, parameters);
            }
            if (value instanceof String text && jinja(text)) {
                // Ansible templates extra vars when it uses them: a value with {{ }} would run as code.
                throw new AnsibleRefusal("extra var '" + name + "' contains a Jinja delimiter ({{, {% or {#), "
                        + "which Ansible would evaluate");
            }
            if (value != null) {
                vars.put(String.valueOf(name), value);
            }
        });
        return vars;
    }

    static boolean jinja(String text) {
        return text.contains("{{") || text.contains("{%") || text.contains("{#");
    }

    /** Writes the variables into a new directory only the hub's user can read; returns that directory. */
    static Path write(Path parent, Map<String, Object> vars) {
        try {
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, "aiops-ansible-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = Files.createFile(dir.resolve(FILE_NAME),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, JSON.writeValueAsString(vars));
            return dir;
        } catch (JsonProcessingException e) {
            throw new AnsibleRefusal("the extra vars cannot be written as JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new AnsibleRefusal("cannot write the extra vars file under " + parent + ": " + e.getMessage());
        }
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
