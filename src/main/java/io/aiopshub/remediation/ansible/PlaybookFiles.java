package io.aiopshub.remediation.ansible;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Finds a playbook by its plain file name in the one directory playbooks may come from. */
final class PlaybookFiles {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.ya?ml");

    private final Path dir;

    PlaybookFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    /** Why {@code name} can never name a playbook, or {@code null} when its form is fine. */
    static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "the playbook name is empty";
        }
        if (name.contains("/") || name.contains("\\")) {
            return "playbook '" + name + "' must be a plain file name, not a path";
        }
        if (name.contains("..")) {
            return "playbook '" + name + "' must not contain '..'";
        }
        if (!NAME.matcher(name).matches()) {
            return "playbook '" + name + "' must be a file name of letters, digits, '.', '_' and '-' ending in .yml or .yaml";
        }
        return null;
    }

    /** The playbook's path; refuses names that are not plain file names of an existing file in the directory. */
    Path resolve(String name) {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new AnsibleRefusal(problem);
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new AnsibleRefusal("playbook '" + name + "' does not exist in " + dir);
        }
        try {
            // A symbolic link in the directory must not lead to a playbook kept elsewhere.
            if (!file.toRealPath().startsWith(dir.toRealPath())) {
                throw new AnsibleRefusal("playbook '" + name + "' links to a file outside " + dir);
            }
        } catch (IOException e) {
            throw new AnsibleRefusal("playbook '" + name + "' cannot be read: " + e.getMessage());
        }
        return file;
    }
}
