package io.aiopshub.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The instructions of a Dockerfile that decide what an image holds and how it starts, read the way
 * {@code docker build} reads them (continuation lines joined, comment lines dropped), so tests follow the
 * Dockerfile instead of restating it. Only what this project's Dockerfile uses is understood; anything else
 * that would change the layout (ADD, wildcards in COPY, shell-form ENTRYPOINT) is refused rather than guessed.
 */
record Dockerfile(List<Stage> stages) {

    /** One {@code COPY}: its {@code --from} stage (or null for the build context), sources and destination. */
    record Copy(String from, List<String> sources, String destination, String workdir) { }

    /** One {@code FROM ... [AS name]} section, in order. */
    record Stage(String name, String image, List<Copy> copies, Map<String, String> env, String workdir,
                 List<String> entrypoint, List<String> healthcheck) { }

    private static final ObjectMapper JSON = new ObjectMapper();

    static Dockerfile read(Path file) throws IOException {
        List<Stage> stages = new ArrayList<>();
        StageBuilder current = null;
        for (String instruction : instructions(Files.readAllLines(file))) {
            String keyword = instruction.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            String rest = instruction.substring(instruction.split("\\s+", 2)[0].length()).trim();
            if (keyword.equals("FROM")) {
                if (current != null) {
                    stages.add(current.build());
                }
                String[] words = rest.split("\\s+");
                current = new StageBuilder(words.length >= 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null, words[0]);
                continue;
            }
            if (current == null) {
                throw new IllegalStateException("instruction before FROM: " + instruction);
            }
            switch (keyword) {
                case "WORKDIR" -> current.workdir = resolve(current.workdir, rest);
                case "COPY" -> current.copies.add(copy(rest, current.workdir));
                case "ADD" -> throw new IllegalStateException("ADD is not modelled, use COPY: " + instruction);
                case "ENV" -> current.env.putAll(env(rest));
                case "ENTRYPOINT" -> current.entrypoint = execForm(rest, instruction);
                case "HEALTHCHECK" -> current.healthcheck = healthcheck(rest, instruction);
                default -> { }
            }
        }
        if (current != null) {
            stages.add(current.build());
        }
        return new Dockerfile(List.copyOf(stages));
    }

    Stage runtime() {
        return stages.get(stages.size() - 1);
    }

    Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    /** Joins continuation lines and drops comments and blank lines, as the Dockerfile parser does. */
    private static List<String> instructions(List<String> lines) {
        List<String> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            instructions.add(pending.toString().trim());
            pending.setLength(0);
        }
        if (!pending.isEmpty()) {
            instructions.add(pending.toString().trim());
        }
        return instructions;
    }

    private static Copy copy(String rest, String workdir) {
        String from = null;
        List<String> words = new ArrayList<>(Arrays.asList(rest.split("\\s+")));
        while (!words.isEmpty() && words.get(0).startsWith("--")) {
            String flag = words.remove(0);
            if (flag.startsWith("--from=")) {
                from = flag.substring("--from=".length());
            }
        }
        if (!words.isEmpty() && words.get(0).startsWith("[")) {
            throw new IllegalStateException("JSON-form COPY is not modelled: COPY " + rest);
        }
        if (words.size() < 2) {
            throw new IllegalStateException("COPY needs a source and a destination: COPY " + rest);
        }
        List<String> sources = List.copyOf(words.subList(0, words.size() - 1));
        if (from == null && sources.stream().anyMatch(s -> s.contains("*") || s.contains("?") || s.contains("["))) {
            throw new IllegalStateException("wildcards in COPY are not modelled: COPY " + rest);
        }
        return new Copy(from, sources, words.get(words.size() - 1), workdir);
    }

    private static Map<String, String> env(String rest) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!rest.contains("=")) {
            String[] kv = rest.split("\\s+", 2);
            env.put(kv[0], kv.length > 1 ? kv[1] : "");
            return env;
        }
        for (String pair : rest.split("\\s+")) {
            int eq = pair.indexOf('=');
            env.put(pair.substring(0, eq), unquote(pair.substring(eq + 1)));
        }
        return env;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))
                ? value.substring(1, value.length() - 1) : value;
    }

    private static List<String> healthcheck(String rest, String instruction) {
        if (rest.equalsIgnoreCase("NONE")) {
            return List.of();
        }
        int cmd = rest.indexOf("CMD ");
        if (cmd < 0) {
            throw new IllegalStateException("HEALTHCHECK without CMD: " + instruction);
        }
        return execForm(rest.substring(cmd + "CMD ".length()).trim(), instruction);
    }

    private static List<String> execForm(String json, String instruction) {
        if (!json.startsWith("[")) {
            throw new IllegalStateException("only the exec (JSON) form is modelled: " + instruction);
        }
        try {
            return List.copyOf(JSON.readValue(json, new TypeReference<List<String>>() { }));
        } catch (IOException e) {
            throw new IllegalStateException("not a JSON array: " + instruction, e);
        }
    }

    /** A container path: absolute as given, else against the current WORKDIR. */
    static String resolve(String workdir, String path) {
        String joined = path.startsWith("/") ? path : (workdir == null ? "/" : workdir) + "/" + path;
        return Path.of(joined).normalize().toString();
    }

    private static final class StageBuilder {
        private final String name;
        private final String image;
        private final List<Copy> copies = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String workdir = "/";
        private List<String> entrypoint = List.of();
        private List<String> healthcheck = List.of();

        StageBuilder(String name, String image) {
            this.name = name;
            this.image = image;
        }

        Stage build() {
            return new Stage(name, image, List.copyOf(copies), Map.copyOf(env), workdir, entrypoint, healthcheck);
        }
    }
}
