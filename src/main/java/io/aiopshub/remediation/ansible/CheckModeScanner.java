package io.aiopshub.remediation.ansible;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds what would make a playbook change systems under {@code --check}: a {@code check_mode} keyword
 * that is not plainly true ({@code check_mode: false} runs its task for real in check mode), anywhere in
 * the playbook, the task and playbook files it imports or includes, and the roles under
 * {@code <playbook dir>/roles}. Whatever it cannot follow (a templated file name, a role kept elsewhere)
 * is a problem too: a dry run that might not be dry is refused.
 *
 * <p>The YAML is only composed into nodes, never turned into objects, so Ansible's own tags
 * ({@code !vault}, {@code !unsafe}) need no support and every finding has a line number.
 */
final class CheckModeScanner {

    /** What Ansible's boolean conversion reads as true; any other value (a template too) may be false. */
    private static final Set<String> TRUE = Set.of("true", "yes", "on", "1", "y", "t");
    private static final Set<String> FILE_INCLUDES = withPrefixes("include_tasks", "import_tasks", "include",
            "import_playbook");
    private static final Set<String> ROLE_INCLUDES = withPrefixes("include_role", "import_role");

    private final Path playbookDir;

    CheckModeScanner(Path playbookDir) {
        this.playbookDir = playbookDir.toAbsolutePath().normalize();
    }

    /** Every reason the playbook may change something under {@code --check}; empty when it cannot. */
    List<String> problems(Path playbook) {
        Scan scan = new Scan();
        scan.playbook(playbook.toAbsolutePath().normalize());
        return scan.problems;
    }

    private static Set<String> withPrefixes(String... names) {
        Set<String> all = new HashSet<>();
        for (String name : names) {
            all.add(name);
            all.add("ansible.builtin." + name);
            all.add("ansible.legacy." + name);
        }
        return Set.copyOf(all);
    }

    private final class Scan {

        final List<String> problems = new ArrayList<>();
        private final Set<Path> seenFiles = new HashSet<>();
        private final Set<String> seenRoles = new HashSet<>();
        // Aliases make the node graph share subtrees: walking each node once keeps an alias bomb harmless.
        private final Set<Node> seenNodes = Collections.newSetFromMap(new IdentityHashMap<>());

        void playbook(Path file) {
            List<Node> documents = read(file);
            if (documents == null) {
                return;
            }
            if (documents.size() != 1 || !(documents.get(0) instanceof SequenceNode)) {
                problems.add(name(file) + " is not a playbook: expected one YAML document with a list of plays");
                return;
            }
            walk(documents.get(0), file, null);
        }

        private void file(Path file, Path roleDir) {
            List<Node> documents = read(file);
            if (documents != null) {
                documents.forEach(document -> walk(document, file, roleDir));
            }
        }

        private List<Node> read(Path file) {
            if (!seenFiles.add(file)) {
                return null;
            }
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            // PyYAML (Ansible) has no alias cap; shared nodes are walked once here, so many aliases are cheap.
            options.setMaxAliasesForCollections(10_000);
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                List<Node> documents = new ArrayList<>();
                new Yaml(options).composeAll(reader).forEach(documents::add);
                return documents;
            } catch (IOException | RuntimeException e) {
                problems.add(name(file) + " cannot be read as YAML: " + firstLine(e.getMessage()));
                return null;
            }
        }

        private void walk(Node node, Path file, Path roleDir) {
            if (node == null || !seenNodes.add(node)) {
                return;
            }
            if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(item -> walk(item, file, roleDir));
            } else if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
                    Node value = tuple.getValueNode();
                    if ("check_mode".equals(key)) {
                        checkMode(value, file);
                    } else if (FILE_INCLUDES.contains(key)) {
                        include(value, file, roleDir);
                    } else if (ROLE_INCLUDES.contains(key)) {
                        roleReference(value, "name", file);
                    } else if ("roles".equals(key) || "dependencies".equals(key)) {
                        roleList(value, file);
                    }
                    walk(tuple.getKeyNode(), file, roleDir);
                    walk(value, file, roleDir);
                }
            }
        }

        private void checkMode(Node value, Path file) {
            String text = value instanceof ScalarNode scalar ? scalar.getValue().trim().toLowerCase(Locale.ROOT) : "";
            if (!TRUE.contains(text)) {
                problems.add(at(file, value) + ": 'check_mode: " + shown(value)
                        + "' makes a task run for real under --check; a dry run of this playbook is refused");
            }
        }

        private void include(Node value, Path file, Path roleDir) {
            String reference = scalarOrField(value, "file");
            if (reference == null) {
                reference = scalarOrField(value, "_raw_params");
            }
            if (reference == null) {
                return;
            }
            if (templated(reference)) {
                problems.add(at(file, value) + ": cannot follow the templated include '" + reference
                        + "' to check it for check_mode: false");
                return;
            }
            Path found = locate(reference, file, roleDir);
            if (found == null) {
                problems.add(at(file, value) + ": includes '" + reference + "', which is not a file under "
                        + playbookDir + "; it cannot be checked for check_mode: false");
            } else {
                file(found, roleDir);
            }
        }

        private Path locate(String reference, Path file, Path roleDir) {
            List<Path> candidates = new ArrayList<>();
            candidates.add(file.getParent().resolve(reference));
            if (roleDir != null) {
                candidates.add(roleDir.resolve("tasks").resolve(reference));
            }
            candidates.add(playbookDir.resolve(reference));
            for (Path candidate : candidates) {
                Path normal = candidate.toAbsolutePath().normalize();
                if (normal.startsWith(playbookDir) && Files.isRegularFile(normal) && inside(normal)) {
                    return normal;
                }
            }
            return null;
        }

        private void roleList(Node value, Path file) {
            if (value instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    String name = scalarOrField(item, "role");
                    roleReference(item, name == null ? "name" : "role", file);
                }
            }
        }

        private void roleReference(Node value, String field, Path file) {
            String name = scalarOrField(value, field);
            if (name == null) {
                return;
            }
            if (templated(name) || name.contains("/") || name.contains("..")) {
                problems.add(at(file, value) + ": cannot follow the role '" + name + "' to check it for check_mode: false");
                return;
            }
            Path roleDir = playbookDir.resolve("roles").resolve(name).normalize();
            if (!Files.isDirectory(roleDir) || !inside(roleDir)) {
                problems.add(at(file, value) + ": role '" + name + "' is not under " + playbookDir.resolve("roles")
                        + "; it cannot be checked for check_mode: false");
                return;
            }
            if (!seenRoles.add(name)) {
                return;
            }
            try (Stream<Path> files = Files.walk(roleDir)) {
                files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                        .filter(Files::isRegularFile)
                        .sorted()
                        .toList()
                        .forEach(p -> file(p.toAbsolutePath().normalize(), roleDir));
            } catch (IOException | RuntimeException e) {
                problems.add("role '" + name + "' cannot be read: " + firstLine(e.getMessage()));
            }
        }

        /** Symbolic links must not lead the scan (or Ansible) out of the playbook directory. */
        private boolean inside(Path path) {
            try {
                return path.toRealPath().startsWith(playbookDir.toRealPath());
            } catch (IOException e) {
                return false;
            }
        }

        private String at(Path file, Node node) {
            return name(file) + ":" + (node.getStartMark().getLine() + 1);
        }

        private String name(Path file) {
            return file.startsWith(playbookDir) ? playbookDir.relativize(file).toString() : file.toString();
        }
    }

    private static String scalarOrField(Node node, String field) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue().trim();
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && field.equals(key.getValue())
                        && tuple.getValueNode() instanceof ScalarNode value) {
                    return value.getValue().trim();
                }
            }
        }
        return null;
    }

    private static boolean templated(String text) {
        return text.contains("{{") || text.contains("{%");
    }

    private static String shown(Node value) {
        return value instanceof ScalarNode scalar ? scalar.getValue() : "(not a plain value)";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
