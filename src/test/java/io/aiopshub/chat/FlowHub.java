package io.aiopshub.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.support.Payloads;

/**
 * The hub as the chat approval flow tests drive it over its REST API: raise an incident, call the API as a
 * token ({@code <name>-token}), wait for a run's state, read a timeline.
 */
public record FlowHub(TestRestTemplate http, JdbcTemplate jdbc, IncidentEngine engine, ObjectMapper json) {

    public String incidentOf(Map<String, String> labels, Instant start) {
        post("/api/v1/alerts/alertmanager", Payloads.alertmanager("firing", start, null, labels, "down"));
        apply();
        return jdbc.queryForObject("select incident_id from alerts where alertname = ? and status = 'firing'", String.class,
                labels.get("alertname"));
    }

    public void apply() {
        while (engine.applyInbox() > 0) {
            // drain
        }
    }

    public void awaitState(String id, String expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select state from action_runs where id = ?",
                String.class, id), expected::equals);
    }

    public JsonNode getJson(String path) throws Exception {
        ResponseEntity<String> response = call("alice", HttpMethod.GET, path, null);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    public void post(String path, String body) {
        assertThat(call("alice", HttpMethod.POST, path, body).getStatusCode().value()).isEqualTo(202);
    }

    public ResponseEntity<String> call(String token, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token + "-token");
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(URI.create(http.getRootUri() + path), method, new HttpEntity<>(body, headers), String.class);
    }

    public static List<String> kinds(JsonNode timeline) {
        List<String> kinds = new ArrayList<>();
        timeline.forEach(entry -> kinds.add(entry.path("kind").asText()));
        return kinds;
    }

    public static String actorOf(JsonNode timeline, String kind) {
        for (JsonNode entry : timeline) {
            if (kind.equals(entry.path("kind").asText())) {
                return entry.path("actor").asText();
            }
        }
        return null;
    }
}
