package io.aiopshub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A hub whose {@code routes} directory is a symbolic link, holding a real file and a linked one (as a
 * Kubernetes ConfigMap mount or a deploy tool's "current" link looks): the routes load, the watcher
 * applies edits made through the links, and readiness follows what runs. Before, Camel's scan did not
 * follow the link, no route loaded and health still said UP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:symlinked-routes;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "aiops.routes.reload=true",
        "aiops.routes.poll-interval=200ms"})
class SymlinkedRoutesReadinessTest {

    static final Path REAL;
    static final Path ELSEWHERE;
    static final Path LINK;

    static {
        try {
            Path base = Files.createTempDirectory("aiops-linked-routes");
            REAL = Files.createDirectory(base.resolve("release-1"));
            ELSEWHERE = Files.createDirectory(base.resolve("shared"));
            LINK = Files.createSymbolicLink(base.resolve("routes"), REAL);
            write(REAL.resolve("greeting.yaml"), RouteFileReloadTest.greeting("greet", "hello"));
            write(ELSEWHERE.resolve("other.yaml"), RouteFileReloadTest.greeting("other", "linked"));
            Files.createSymbolicLink(REAL.resolve("other.yaml"), ELSEWHERE.resolve("other.yaml"));
            write(ELSEWHERE.resolve("edited.yaml"), RouteFileReloadTest.greeting("edited", "v1"));
            Files.createSymbolicLink(REAL.resolve("edited.yaml"), ELSEWHERE.resolve("edited.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("aiops.routes.directory", LINK::toString);
        registry.add("camel.main.routes-include-pattern",
                () -> "file:" + LINK + "/*.yaml,file:routes/api.yaml,file:routes/error-handling.yaml");
    }

    @Autowired CamelContext camel;
    @Autowired ProducerTemplate producer;
    @Autowired TestRestTemplate http;
    @Autowired RouteFileInventory inventory;
    @Autowired ObjectProvider<RequestMappingHandlerMapping> mappings;

    @Test
    void routesThroughLinksLoadAndTheHubIsReady() {
        assertThat(call("greet")).isEqualTo("hello");
        assertThat(call("other")).isEqualTo("linked");
        assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> health = get("/actuator/health");
        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("\"routes\":{\"status\":\"UP\"");
        assertThat(apiGet("/api/v1/incidents").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void editsThroughTheLinksAreApplied() {
        assertThat(call("edited")).isEqualTo("v1");
        write(ELSEWHERE.resolve("edited.yaml"), RouteFileReloadTest.greeting("edited", "v2"));
        // ignoreExceptions: between removing the old route and starting the new one, direct:edited has no consumer.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> "v2".equals(call("edited")));
    }

    @Test
    void aFileThatDefinesNoRoutesMakesTheHubUnreadyUntilItIsGone() {
        write(LINK.resolve("nothing.yaml"), "[]\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").getStatusCode().value() == 503);
        assertThat(get("/actuator/health").getStatusCode().value()).isEqualTo(503);
        assertThat(get("/actuator/health").getBody()).contains("nothing.yaml").contains("defines no routes");
        assertThat(get("/actuator/health/liveness").getStatusCode().value()).as("alive, just not ready").isEqualTo(200);

        delete(LINK.resolve("nothing.yaml"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").getStatusCode().value() == 200);
    }

    @Test
    void aStoppedRouteMakesTheHubUnready() throws Exception {
        camel.getRouteController().stopRoute("greet");
        try {
            ResponseEntity<String> readiness = get("/actuator/health/readiness");
            assertThat(readiness.getStatusCode().value()).isEqualTo(503);
            assertThat(get("/actuator/health").getBody()).contains("\"greet\":\"route is Stopped (from " + LINK);
        } finally {
            camel.getRouteController().startRoute("greet");
        }
        assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void httpOperationsNotMappedInSpringMvcAreNotReady() {
        // The same routes judged against a Spring MVC with no Camel mapping: every API operation is unserved.
        ObjectProvider<RequestMappingHandlerMapping> none = new StaticApplicationContext()
                .getBeanProvider(RequestMappingHandlerMapping.class);
        RoutesReadiness unmapped = new RoutesReadiness(camel, inventory, none);
        assertThat(unmapped.health().getStatus().getCode()).isEqualTo("DOWN");
        assertThat(unmapped.health().getDetails().get("problems").toString())
                .contains("get-incidents=HTTP path /api/v1/incidents is not served yet");
        assertThat(new RoutesReadiness(camel, inventory, mappings).health().getStatus().getCode()).isEqualTo("UP");
    }

    @Test
    void theValidatorFollowsTheLinks() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(RouteValidator.run(List.of(LINK.toString()), new PrintStream(out, true))).isZero();
        assertThat(out.toString()).contains("other.yaml: OK (1 routes)").contains("3 files, 0 invalid");
    }

    private String call(String route) {
        return producer.requestBody("direct:" + route, "", String.class);
    }

    /** With the API token: health components and details are shown to API tokens only. */
    private ResponseEntity<String> get(String path) {
        return apiGet(path);
    }

    private ResponseEntity<String> apiGet(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    static void write(Path file, String text) {
        try {
            Path temp = Files.createTempFile(file.getParent(), ".tmp", ".part");
            Files.writeString(temp, text);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
