package io.aiopshub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.support.Payloads;

/**
 * A 202 means stored, also when the process is killed: the hub runs as a separate JVM on a file
 * database, several senders keep posting, the JVM gets SIGKILL mid-load, a new JVM starts on the same
 * file and applies the inbox, and every alert that was answered 202 is found (as an alert, or still in
 * the inbox). The database URL is the shipped default's without any durability option, so what is
 * tested is what the hub itself makes of it.
 */
class KillDuringIngestTest {

    private static final Logger LOG = LoggerFactory.getLogger(KillDuringIngestTest.class);
    private static final int SENDERS = 4;
    private static final int ALERTS_PER_REQUEST = 10;
    // Generous: a busy 2-core CI machine has been seen taking over 90 s to start a second JVM.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    @TempDir
    Path dataDir;

    private final String token = "kill-" + UUID.randomUUID();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAlertAnswered202SurvivesSigkill() throws Exception {
        int port = freePort();
        Process first = start(port, "first");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            running.add(senders.submit(() -> send(port, sender, accepted, stop)));
        }
        // Kill while every sender is mid-stream, with requests in flight. (Before commits were written at
        // once, the alerts answered in the last few hundred milliseconds were lost, whatever came before.)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (accepted.size() < 1_000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        senders.shutdown();
        assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (Future<?> f : running) {
            f.get();
        }
        assertThat(accepted).as("alerts answered 202 before the kill").hasSizeGreaterThan(100);

        Process second = start(port, "second");
        awaitInboxApplied(port);
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("graceful stop").isTrue();

        Stored stored = stored();
        Set<String> lost = new HashSet<>(accepted);
        lost.removeAll(stored.inAlerts());
        lost.removeAll(stored.inInbox());
        LOG.info("kill -9 during ingest: {} alerts answered 202, {} found as alerts, {} still in the inbox, {} lost",
                accepted.size(), stored.inAlerts().size(), stored.inInbox().size(), lost.size());
        assertThat(lost).as("alerts answered 202 but missing after kill -9 and restart").isEmpty();
        assertThat(stored.inInbox()).as("the restarted hub applied the inbox").isEmpty();
    }

    private void send(int port, int sender, Set<String> accepted, AtomicBoolean stop) {
        Instant startsAt = Instant.now().minusSeconds(60);
        for (int request = 0; !stop.get(); request++) {
            List<String> ids = new ArrayList<>(ALERTS_PER_REQUEST);
            String[] alerts = new String[ALERTS_PER_REQUEST];
            for (int a = 0; a < ALERTS_PER_REQUEST; a++) {
                String id = sender + "-" + request + "-" + a;
                ids.add(id);
                alerts[a] = Payloads.alert("firing", startsAt, null,
                        Map.of("alertname", "KillNine", "service", "svc-" + sender, "seq", id), "kill test");
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/alertmanager"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Payloads.alertmanagerBatch("firing", alerts)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    accepted.addAll(ids);
                } else {
                    throw new AssertionError("unexpected answer " + response.statusCode() + ": " + response.body());
                }
            } catch (IOException e) {
                // The process is gone: nothing answered 202 for this request.
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Process start(int port, String name) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Surefire may hand the JVM a manifest-only jar; the real class path is in this property then.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // The product as shipped: without the test classes and their test-only configuration.
        String productClassPath = List.of(classPath.split(File.pathSeparator)).stream()
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", productClassPath, AiopsHubApplication.class.getName())
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("AIOPS_DB_URL", "jdbc:h2:file:" + dataDir.resolve("hub") + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE");
        env.put("PORT", String.valueOf(port));
        env.put("AIOPS_SECURITY_API_TOKENS", token);
        env.put("AIOPS_CLUSTER_DIR", dataDir.resolve("cluster").toString());
        Process process = builder.start();
        started.add(process);
        awaitReady(process, port, name);
        return process;
    }

    /** Ready when the API itself answers with the token (health may say UP earlier). */
    private void awaitReady(Process process, int port, String name) throws Exception {
        long started = System.nanoTime();
        long deadline = started + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as(name + " hub exited early; see " + dataDir.resolve(name + ".log")).isTrue();
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/incidents?size=1"))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    LOG.info("{} hub ready after {} ms", name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " hub not ready within " + START_TIMEOUT + "; log: "
                + Files.readString(dataDir.resolve(name + ".log")));
    }

    private void awaitInboxApplied(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long backlog = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/inbox"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = json.readTree(response.body());
            backlog = status.path("backlog").asLong(-1);
            if (backlog == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("inbox not applied after restart; backlog " + backlog);
    }

    private record Stored(Set<String> inAlerts, Set<String> inInbox) { }

    private Stored stored() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("hub"), "sa", "");
             Statement statement = db.createStatement()) {
            return new Stored(seqs(statement, "select labels_json from alerts"),
                    seqs(statement, "select labels_json from alert_inbox"));
        }
    }

    private Set<String> seqs(Statement statement, String query) throws Exception {
        Set<String> seqs = new HashSet<>();
        try (ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                JsonNode labels = json.readTree(rows.getString(1));
                if (labels.has("seq")) {
                    seqs.add(labels.get("seq").asText());
                }
            }
        }
        return seqs;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
