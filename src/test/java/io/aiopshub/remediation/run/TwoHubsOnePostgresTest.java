package io.aiopshub.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.AiopsHubApplication;
import io.aiopshub.support.EmbeddedPostgresServer;

/**
 * Two hub instances (two application contexts in this JVM, each with its own web port, launcher, verifier
 * and sweeper) on one real PostgreSQL, running actions over SSH on one in-process SSH server: each run,
 * approved by the same person on both hubs at once, is executed exactly once, by one of them.
 */
class TwoHubsOnePostgresTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SshTarget host;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        String database = EmbeddedPostgresServer.freshDatabase("two_hubs");
        host = new SshTarget();
        first = hub(database);
        second = hub(database);
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        host.close();
    }

    @Test
    void oneApprovalOnEitherHubIsExecutedExactlyOnce() throws Exception {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> proposed = call(i % 2 == 0 ? first : second, "alice", "/api/v1/actions",
                    "{\"actionId\": \"touch_file_ssh\", \"parameters\": {\"host\": \"127.0.0.1\", \"service\": \"twin" + i + "\"}}");
            assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
            runs.add(JSON.readTree(proposed.body()).at("/run/id").asText());
        }
        for (String id : runs) {
            // The same approver on both hubs at the same moment: one decision, one move to approved.
            CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> call(first, "bob", "/api/v1/actions/" + id + "/approve", ""));
            CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> call(second, "bob", "/api/v1/actions/" + id + "/approve", ""));
            assertThat(a.get().statusCode()).as(a.get().body()).isEqualTo(200);
            assertThat(b.get().statusCode()).as(b.get().body()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.stream().allMatch(id -> state(id).equals("succeeded")));

        JdbcTemplate db = first.getBean(JdbcTemplate.class);
        for (int i = 0; i < runs.size(); i++) {
            String id = runs.get(i);
            assertThat(host.ran("touch 'twin" + i + "'.touched")).as("run " + i + " executed once").isOne();
            assertThat(db.queryForObject("select count(*) from action_run_decisions where run_id = ?", Long.class, id)).isOne();
            assertThat(db.queryForObject("select count(*) from action_run_events where run_id = ? and kind = 'action_running'",
                    Long.class, id)).isOne();
        }
        Set<String> instances = Set.of(first.getBean(InstanceId.class).id(), second.getBean(InstanceId.class).id());
        Set<String> claimed = runs.stream().map(id -> db.queryForObject("select claimed_by from action_runs where id = ?",
                String.class, id)).collect(Collectors.toSet());
        assertThat(instances).containsAll(claimed);
    }

    private static String state(String id) {
        try {
            JsonNode run = JSON.readTree(CLIENT.send(HttpRequest.newBuilder(URI.create(base(second) + "/api/v1/actions/" + id))
                    .header("Authorization", "Bearer alice-token").build(), HttpResponse.BodyHandlers.ofString()).body());
            return run.at("/run/state").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> call(ConfigurableApplicationContext hub, String token, String path, String body) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(base(hub) + path))
                    .header("Authorization", "Bearer " + token + "-token").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base(ConfigurableApplicationContext hub) {
        return "http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port");
    }

    private static ConfigurableApplicationContext hub(String database) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--aiops.security.api-tokens=alice:alice-token,bob:bob-token",
                "--aiops.llm.catalog-file=src/test/resources/remediation/catalog.yaml",
                "--aiops.llm.analyst-rules-file=src/test/resources/remediation/analyst-rules.yaml",
                "--aiops.remediation.policy-file=src/test/resources/remediation/policy.yaml",
                "--aiops.remediation.launch-interval=200ms",
                "--aiops.remediation.verify-interval=300ms",
                "--camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml,"
                        + "file:routes/remediation.yaml,file:routes/remediation-executor-ssh.yaml",
                "--spring.jmx.enabled=false"));
        host.settings().forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(AiopsHubApplication.class).run(args.toArray(String[]::new));
    }
}
