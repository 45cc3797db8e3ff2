package io.aiopshub.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.AiopsHubApplication;

/**
 * The Docker image, checked without a Docker engine: the runtime stage's files are laid out as its COPY
 * lines say, the jar's contents as the build stage's COPY lines allow, and the hub is started there as a
 * separate process the way ENTRYPOINT starts it (same JVM options, working directory = WORKDIR), with the
 * settings a user passes with {@code -e}. It must become healthy, pass the image's HEALTHCHECK command and
 * answer an authenticated API call that needs the runbooks, playbooks and config of the layout.
 */
class DockerImageLayoutTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    /** Written by maven-dependency-plugin (generate-test-resources): the jar's libraries. */
    private static final Path RUNTIME_CLASSPATH = PROJECT.resolve("target/runtime-classpath.txt");
    private static final Duration START_LIMIT = Duration.ofSeconds(300);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The service analysis embeds the runbooks on first use: seconds on a busy machine. */
    private static final Duration CALL_LIMIT = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void buildStageCopiesEveryDirectoryThePomPacksIntoTheJar() throws Exception {
        ImageLayout image = new ImageLayout(PROJECT);
        Dockerfile.Stage build = buildStage(image.dockerfile());
        assertThat(image.copies(build, "pom.xml")).as("build stage copies pom.xml").isTrue();
        assertThat(image.copies(build, "src/main/java")).as("build stage copies the sources").isTrue();
        for (ImageLayout.Resource resource : ImageLayout.pomResources(PROJECT.resolve("pom.xml"))) {
            assertThat(image.copies(build, resource.directory()))
                    .as("pom.xml bundles %s, so the build stage must COPY it", resource.directory()).isTrue();
        }
    }

    @Test
    void runtimeStagePutsTheOperatorEditedFilesBesideTheJar() throws Exception {
        // The jar's bundled copies are only defaults for running it elsewhere; in the image the hub reads
        // the working directory's files, which operators inspect and mount over.
        ImageLayout image = new ImageLayout(PROJECT);
        Path root = temp.resolve("root");
        image.copyRuntimeFiles(root);
        Path workdir = root.resolve(image.dockerfile().runtime().workdir().substring(1));
        for (ImageLayout.Resource resource : ImageLayout.pomResources(PROJECT.resolve("pom.xml"))) {
            if (resource.targetPath() != null) {
                assertThat(workdir.resolve(resource.targetPath())).as("image working directory").isDirectory();
            }
        }
    }

    @Test
    void hubStartsInTheImageLayoutAndAnswers() throws Exception {
        assertThat(RUNTIME_CLASSPATH).as("written by `./mvnw test` (generate-test-resources)").isRegularFile();
        ImageLayout image = new ImageLayout(PROJECT);
        Dockerfile.Stage runtime = image.dockerfile().runtime();
        Path root = temp.resolve("root");
        image.copyRuntimeFiles(root);
        Path workdir = root.resolve(runtime.workdir().substring(1));
        Files.createDirectories(workdir);
        Path jarContents = temp.resolve("jar");
        image.copyJarContents(buildStage(image.dockerfile()), PROJECT.resolve("target/classes"), jarContents);

        int port = freePort();
        String token = UUID.randomUUID().toString();
        Path log = temp.resolve("hub.log");
        ProcessBuilder builder = new ProcessBuilder(command(runtime, jarContents)).directory(workdir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // A container starts with the image's environment only, not the developer's.
        env.keySet().removeIf(k -> k.startsWith("AIOPS_") || k.startsWith("SPRING_") || k.startsWith("CAMEL_")
                || k.startsWith("SERVER_") || k.startsWith("MANAGEMENT_") || k.equals("PORT") || k.equals("JAVA_TOOL_OPTIONS"));
        env.putAll(runtime.env());
        env.put("PORT", Integer.toString(port));
        env.put("AIOPS_SECURITY_API_TOKENS", token);

        Process hub = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitUp(hub, base + "/actuator/health", log);
            assertThat(runHealthcheck(runtime, port)).as("HEALTHCHECK %s while UP", runtime.healthcheck()).isZero();

            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents")).timeout(CALL_LIMIT).GET(), null).statusCode())
                    .as("API without a token").isEqualTo(401);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents")).timeout(CALL_LIMIT).GET(), token).statusCode())
                    .as("API with the token from the environment").isEqualTo(200);
            // The service analysis reads config/analyst-rules.yaml, playbooks/catalog.yaml and runbooks/.
            HttpResponse<String> analysis = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/analyze")).timeout(CALL_LIMIT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"checkout\",\"window\":\"1h\"}")), token);
            assertThat(analysis.statusCode()).as(analysis.body()).isEqualTo(200);
            JsonNode body = json.readTree(analysis.body());
            assertThat(body.path("provider").asText()).isEqualTo("rule-based");
            assertThat(body.path("runbooks")).as("runbooks found in the image's runbooks/").isNotEmpty();
            List<String> shipped = runbookFiles(workdir.resolve("runbooks"));
            body.path("runbooks").forEach(r -> assertThat(shipped).contains(r.path("file").asText()));
        } finally {
            stop(hub);
        }
        assertThat(runHealthcheck(runtime, port)).as("HEALTHCHECK once the hub is gone").isNotZero();
    }

    /** ENTRYPOINT with {@code -jar <the jar>} replaced by the jar's contents and libraries on a class path. */
    private static List<String> command(Dockerfile.Stage runtime, Path jarContents) throws IOException {
        List<String> entrypoint = runtime.entrypoint();
        assertThat(entrypoint).as("ENTRYPOINT").isNotEmpty();
        assertThat(entrypoint.get(0)).isEqualTo("java");
        int jar = entrypoint.indexOf("-jar");
        assertThat(jar).as("ENTRYPOINT runs a jar").isPositive();
        String jarPath = entrypoint.get(jar + 1);
        assertThat(runtime.copies()).as("a COPY --from puts %s into the image", jarPath)
                .anyMatch(c -> c.from() != null && Dockerfile.resolve(c.workdir(), c.destination()).equals(jarPath));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(entrypoint.subList(1, jar));
        command.add("-cp");
        command.add(jarContents + File.pathSeparator + Files.readString(RUNTIME_CLASSPATH).trim());
        command.add(AiopsHubApplication.class.getName());
        command.addAll(entrypoint.subList(jar + 2, entrypoint.size()));
        return command;
    }

    private static Dockerfile.Stage buildStage(Dockerfile dockerfile) {
        String from = dockerfile.runtime().copies().stream().filter(c -> c.from() != null).map(Dockerfile.Copy::from)
                .findFirst().orElseThrow(() -> new AssertionError("the runtime stage copies nothing from a build stage"));
        return dockerfile.stage(from).orElseThrow(() -> new AssertionError("no stage named " + from));
    }

    private void awaitUp(Process hub, String healthUrl, Path log) throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!hub.isAlive()) {
                fail("the hub exited with " + hub.exitValue() + " before it was UP:\n" + tail(log));
            }
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(healthUrl))
                        .timeout(Duration.ofSeconds(10)).GET(), null);
                if (response.statusCode() == 200 && json.readTree(response.body()).path("status").asText().equals("UP")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the port opens late in start-up
            }
            Thread.sleep(500);
        }
        fail("not UP within " + START_LIMIT + ":\n" + tail(log));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs the HEALTHCHECK command here, as Docker runs it inside the container (same argv, PORT set). */
    private int runHealthcheck(Dockerfile.Stage runtime, int port) throws Exception {
        assertThat(runtime.healthcheck()).as("HEALTHCHECK CMD").isNotEmpty();
        ProcessBuilder builder = new ProcessBuilder(runtime.healthcheck()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("healthcheck.log").toFile());
        builder.environment().putAll(runtime.env());
        builder.environment().put("PORT", Integer.toString(port));
        Process check = builder.start();
        if (!check.waitFor(5, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            return -1;
        }
        return check.exitValue();
    }

    private static void stop(Process hub) throws InterruptedException {
        hub.destroy();
        if (!hub.waitFor(60, TimeUnit.SECONDS)) {
            hub.destroyForcibly();
            hub.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> runbookFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The causes of a failed start (a stack trace's last lines are only frames), then the log's end. */
    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        List<String> causes = lines.stream().filter(l -> l.startsWith("Caused by:") || l.contains(" ERROR ")).limit(20).toList();
        return String.join("\n", causes) + "\n...\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
