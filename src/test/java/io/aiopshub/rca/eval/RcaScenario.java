package io.aiopshub.rca.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One root-cause scenario of src/test/resources/rca-scenarios (format in its README): alerts, log lines and
 * changes at offsets, and the expected root service and category. {@link #unique} renames its services and
 * hosts so that many scenarios can run in one hub without sharing anything.
 */
record RcaScenario(String id, String name, String source, String rootService, String category,
                   List<Log> logs, List<Change> changes, List<Alert> alerts) {

    record Log(long at, String service, String level, String message) { }

    record Change(long at, String service, String host, String type, String summary) { }

    record Alert(long at, String summary, Map<String, String> labels) { }

    static List<RcaScenario> loadAll(Path dir) throws IOException {
        List<RcaScenario> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted(Comparator.naturalOrder()).toList()) {
                scenarios.add(load(file));
            }
        }
        return scenarios;
    }

    @SuppressWarnings("unchecked")
    static RcaScenario load(Path file) throws IOException {
        Map<String, Object> root;
        try (InputStream in = Files.newInputStream(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        String id = "s" + file.getFileName().toString().replaceFirst("^(\\d+).*", "$1");
        List<String> names = new ArrayList<>();
        names.addAll((List<String>) root.getOrDefault("services", List.of()));
        names.addAll((List<String>) root.getOrDefault("hosts", List.of()));
        Renamer rename = new Renamer(names, "-" + id);
        Map<String, Object> expected = (Map<String, Object>) root.get("expected");
        List<Log> logs = new ArrayList<>();
        for (Map<String, Object> l : (List<Map<String, Object>>) root.getOrDefault("logs", List.of())) {
            logs.add(new Log(((Number) l.get("at")).longValue(), rename.apply((String) l.get("service")),
                    (String) l.get("level"), rename.apply((String) l.get("message"))));
        }
        List<Change> changes = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) root.getOrDefault("changes", List.of())) {
            changes.add(new Change(((Number) c.get("at")).longValue(), rename.apply((String) c.get("service")),
                    rename.apply((String) c.get("host")), (String) c.get("type"), rename.apply((String) c.get("summary"))));
        }
        List<Alert> alerts = new ArrayList<>();
        for (Map<String, Object> a : (List<Map<String, Object>>) root.getOrDefault("alerts", List.of())) {
            Map<String, String> labels = new LinkedHashMap<>();
            ((Map<String, Object>) a.get("labels")).forEach((k, v) -> labels.put(k, rename.apply(String.valueOf(v))));
            labels.put("scenario", id);
            alerts.add(new Alert(((Number) a.get("at")).longValue(), rename.apply((String) a.get("summary")), labels));
        }
        if (expected == null || alerts.isEmpty()) {
            throw new IllegalArgumentException(file + ": needs expected and at least one alert");
        }
        return new RcaScenario(id, (String) root.get("name"), (String) root.get("source"),
                rename.apply((String) expected.get("root_service")), (String) expected.get("category"), logs, changes, alerts);
    }

    /** Appends a suffix to every declared name, in one pass so that a name inside a longer one is not renamed twice. */
    static final class Renamer {

        private final Pattern names;
        private final String suffix;

        Renamer(List<String> declared, String suffix) {
            this.suffix = suffix;
            List<String> sorted = new ArrayList<>(declared);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            this.names = sorted.isEmpty() ? null : Pattern.compile("(?<![A-Za-z0-9_.-])("
                    + String.join("|", sorted.stream().map(Pattern::quote).toList()) + ")(?![A-Za-z0-9_])");
        }

        String apply(String text) {
            if (text == null || names == null) {
                return text;
            }
            Matcher m = names.matcher(text);
            return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + suffix));
        }
    }
}
