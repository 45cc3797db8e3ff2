package io.aiopshub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The readiness verdict against a real CamelContext loaded from route files. */
class RoutesReadinessTest {

    static final String FILE = """
            - route:
                id: steady
                from:
                  uri: direct:steady
                  steps:
                    - log:
                        id: steady-log
                        message: hi
            - route:
                id: switched-off
                autoStartup: false
                from:
                  uri: direct:off
                  steps:
                    - log:
                        id: off-log
                        message: hi
            """;

    @Test
    void upWhenEveryRouteRunsOrIsSwitchedOffByItsFile() throws Exception {
        Path dir = Files.createTempDirectory("readiness");
        Files.writeString(dir.resolve("a.yaml"), FILE);
        try (DefaultCamelContext camel = started(FILE)) {
            Health health = readiness(camel, RouteFileInventory.scan("file:" + dir + "/*.yaml")).health();
            assertThat(health.getStatus().getCode()).isEqualTo("UP");
            assertThat(health.getDetails()).containsEntry("expectedRoutes", 2);
            assertThat(health.getDetails().get("disabled").toString()).contains("switched-off");
        }
    }

    @Test
    void downWhenARouteOfTheFilesIsNotLoadedOrStopped() throws Exception {
        Path dir = Files.createTempDirectory("readiness");
        Files.writeString(dir.resolve("a.yaml"), FILE);
        Files.writeString(dir.resolve("b.yaml"), FILE.replace("steady", "extra").replace("switched-off", "extra-off")
                .replace("direct:off", "direct:extra-off"));
        try (DefaultCamelContext camel = started(FILE)) {
            RoutesReadiness readiness = readiness(camel, RouteFileInventory.scan("file:" + dir + "/*.yaml"));
            assertThat(readiness.health().getStatus().getCode()).isEqualTo("DOWN");
            assertThat(readiness.health().getDetails().get("problems").toString())
                    .contains("extra=route is not loaded (from " + dir.resolve("b.yaml"));

            Files.delete(dir.resolve("b.yaml"));
            readiness = readiness(camel, RouteFileInventory.scan("file:" + dir + "/*.yaml"));
            assertThat(readiness.health().getStatus().getCode()).isEqualTo("UP");
            camel.getRouteController().stopRoute("steady");
            assertThat(readiness.health().getDetails().get("problems").toString()).contains("steady=route is Stopped");
        }
    }

    @Test
    void downWhenAPatternMatchesNoFileOrAFileDefinesNothing() throws Exception {
        Path empty = Files.createTempDirectory("readiness-empty");
        try (DefaultCamelContext camel = started(FILE)) {
            RoutesReadiness readiness = readiness(camel, RouteFileInventory.scan("file:" + empty + "/*.yaml"));
            assertThat(readiness.health().getStatus().getCode()).isEqualTo("DOWN");
            assertThat(readiness.health().getDetails().get("problems").toString()).contains("no route file matches");

            Files.writeString(empty.resolve("blank.yaml"), "\n");
            Files.writeString(empty.resolve("comments.yaml"), "# only a comment\n");
            String problems = readiness(camel, RouteFileInventory.scan("file:" + empty + "/*.yaml")).health()
                    .getDetails().get("problems").toString();
            assertThat(problems).contains("blank.yaml=file is empty").contains("comments.yaml=defines no routes");
        }
    }

    @Test
    void downWhileCamelIsNotStarted() throws IOException {
        Path dir = Files.createTempDirectory("readiness");
        Files.writeString(dir.resolve("a.yaml"), FILE);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Health health = readiness(camel, RouteFileInventory.scan("file:" + dir + "/*.yaml")).health();
            assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
            assertThat(health.getDetails().get("problems").toString()).contains("camel=Camel is Stopped");
        }
    }

    @Test
    void linkedDirectoriesAndFilesAreFoundAndHiddenOnesSkipped() throws IOException {
        Path base = Files.createTempDirectory("finder");
        Path real = Files.createDirectory(base.resolve("real"));
        Files.writeString(real.resolve("a.yaml"), FILE);
        Files.createDirectory(real.resolve("..data"));
        Files.writeString(real.resolve("..data").resolve("hidden.yaml"), FILE);
        Path outside = Files.writeString(base.resolve("b.yaml"), FILE);
        Files.createSymbolicLink(real.resolve("b.yaml"), outside);
        Files.createSymbolicLink(real.resolve("dangling.yaml"), base.resolve("missing.yaml"));
        Path link = Files.createSymbolicLink(base.resolve("routes"), real);

        assertThat(RouteFileFinder.find(link, "*.yaml")).containsExactly(link.resolve("a.yaml"), link.resolve("b.yaml"));
        assertThat(RouteFileFinder.find(link, "**/*.yaml")).containsExactly(link.resolve("a.yaml"), link.resolve("b.yaml"));
    }

    private static DefaultCamelContext started(String yaml) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addRoutes(PluginHelper.getRoutesLoader(camel)
                .findRoutesBuilders(java.util.List.of(ResourceHelper.fromString("file:a.yaml", yaml))).iterator().next());
        camel.start();
        return camel;
    }

    private static RoutesReadiness readiness(DefaultCamelContext camel, RouteFileInventory inventory) {
        return new RoutesReadiness(camel, inventory,
                new StaticApplicationContext().getBeanProvider(RequestMappingHandlerMapping.class));
    }
}
