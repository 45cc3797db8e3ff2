package io.aiopshub.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * .env.example is the list of what a docker-compose user can set: every {@code ${AIOPS_...}} placeholder
 * of application.yml and every variable docker-compose.yml reads is there, described, with the same
 * default; and compose hands all of .env to the hub.
 */
class EnvExampleTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(AIOPS_[A-Z0-9_]+)(?::([^}]*))?}");
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern SETTING = Pattern.compile("^(#\\s*)?([A-Z][A-Z0-9_]*)=(.*)$");

    /** One line of .env.example that sets a variable, active or commented out. */
    private record Setting(String name, String value, boolean active, int line) { }

    private final List<String> lines = Files.readAllLines(Path.of(".env.example"));
    private final Map<String, Setting> settings = settings(lines);
    private final Map<String, Set<String>> defaults = placeholderDefaults(Files.readString(Path.of("src/main/resources/application.yml")));
    private final String compose = Files.readString(Path.of("docker-compose.yml"));

    EnvExampleTest() throws IOException { }

    @Test
    void everyPlaceholderOfApplicationYmlIsListed() {
        assertThat(settings.keySet()).as(".env.example").containsAll(defaults.keySet());
    }

    @Test
    void everyVariableDockerComposeReadsIsListed() {
        Set<String> read = new TreeSet<>();
        Matcher matcher = COMPOSE_VARIABLE.matcher(compose);
        while (matcher.find()) {
            read.add(matcher.group(1));
        }
        assertThat(settings.keySet()).as(".env.example").containsAll(read);
    }

    @Test
    void nothingIsListedThatNobodyReads() {
        for (String name : settings.keySet()) {
            assertThat(defaults.containsKey(name) || compose.contains("${" + name))
                    .as("%s is neither a placeholder of application.yml nor read by docker-compose.yml", name).isTrue();
        }
    }

    @Test
    void commentedOutSettingsShowTheDefaultOfApplicationYml() {
        for (Setting setting : settings.values()) {
            if (!setting.active() && defaults.containsKey(setting.name())) {
                assertThat(defaults.get(setting.name())).as("default of %s (line %d)", setting.name(), setting.line())
                        .contains(setting.value());
            }
        }
    }

    @Test
    void anActiveEmptyLineNeverReplacesANonEmptyDefault() {
        // env_file passes AIOPS_X= as "", which Spring uses instead of the placeholder's default.
        for (Setting setting : settings.values()) {
            if (setting.active() && setting.value().isEmpty() && defaults.containsKey(setting.name())) {
                assertThat(defaults.get(setting.name())).as("default of %s", setting.name()).containsOnly("");
            }
        }
    }

    @Test
    void everySettingIsDescribedByTheCommentAboveIt() {
        for (Setting setting : settings.values()) {
            int i = setting.line() - 1;
            while (i > 0 && SETTING.matcher(lines.get(i - 1)).matches()) {
                i--;
            }
            String above = i > 0 ? lines.get(i - 1).trim() : "";
            assertThat(above).as("description above %s (line %d)", setting.name(), setting.line())
                    .startsWith("#").doesNotStartWith("# ---").hasSizeGreaterThan(3);
        }
    }

    @Test
    void composePassesAllOfDotEnvToTheHub() throws IOException {
        JsonNode hub = new ObjectMapper(new YAMLFactory()).readTree(compose).path("services").path("hub");
        JsonNode envFile = hub.path("env_file");
        List<String> files = new ArrayList<>();
        if (envFile.isTextual()) {
            files.add(envFile.asText());
        } else {
            envFile.forEach(f -> files.add(f.isTextual() ? f.asText() : f.path("path").asText()));
        }
        assertThat(files).contains(".env");
    }

    private static Map<String, Setting> settings(List<String> lines) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = SETTING.matcher(lines.get(i).trim());
            if (matcher.matches()) {
                Setting previous = settings.put(matcher.group(2),
                        new Setting(matcher.group(2), matcher.group(3), matcher.group(1) == null, i + 1));
                assertThat(previous).as("%s listed twice", matcher.group(2)).isNull();
            }
        }
        return settings;
    }

    private static Map<String, Set<String>> placeholderDefaults(String yaml) {
        Map<String, Set<String>> defaults = new HashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(yaml);
        while (matcher.find()) {
            defaults.computeIfAbsent(matcher.group(1), k -> new TreeSet<>())
                    .add(matcher.group(2) == null ? "" : matcher.group(2));
        }
        return defaults;
    }
}
