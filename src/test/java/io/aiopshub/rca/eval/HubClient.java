package io.aiopshub.rca.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Posts a scenario's signals to the hub's REST API as the senders would, and reads the analyses back. */
final class HubClient {

    private final TestRestTemplate http;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    HubClient(TestRestTemplate http, String token) {
        this.http = http;
        this.token = token;
    }

    /** As Filebeat/Vector ship them: {@code @timestamp}, {@code message}, {@code service}, {@code level}. */
    void postLogs(RcaScenario scenario, Instant now) {
        if (scenario.logs().isEmpty()) {
            return;
        }
        ArrayNode lines = json.createArrayNode();
        for (RcaScenario.Log log : scenario.logs()) {
            lines.addObject().put("@timestamp", now.plusSeconds(log.at()).toString()).put("message", log.message())
                    .put("service", log.service()).put("level", log.level());
        }
        expect(post("/api/v1/logs", lines), 202, scenario);
    }

    /**
     * {@code POST /api/v1/events} with {@code kind: change}; false when this hub does not take change events
     * yet (404, or the generic-event parser refusing the body), so the scenario is scored without them.
     */
    boolean postChanges(RcaScenario scenario, Instant now) {
        boolean accepted = true;
        for (RcaScenario.Change change : scenario.changes()) {
            ObjectNode body = json.createObjectNode().put("kind", "change").put("service", change.service())
                    .put("type", change.type()).put("summary", change.summary()).put("at", now.plusSeconds(change.at()).toString());
            if (change.host() != null) {
                body.put("host", change.host());
            }
            body.putObject("labels").put("scenario", scenario.id());
            ResponseEntity<String> response = post("/api/v1/events", body);
            int status = response.getStatusCode().value();
            if (status == 404 || status == 400 && !String.valueOf(response.getBody()).contains("change")) {
                accepted = false;
            } else if (status / 100 != 2) {
                throw new IllegalStateException(scenario.id() + ": change event answered " + status + " " + response.getBody());
            }
        }
        return accepted;
    }

    /** One Alertmanager webhook per alert, firing since {@code now + at}. */
    void postAlerts(RcaScenario scenario, Instant now) {
        for (RcaScenario.Alert alert : scenario.alerts()) {
            ObjectNode payload = json.createObjectNode().put("version", "4").put("status", "firing")
                    .put("receiver", "aiops-hub").put("groupKey", "{}:{scenario=\"" + scenario.id() + "\"}")
                    .put("externalURL", "http://alertmanager:9093");
            payload.putObject("groupLabels");
            payload.putObject("commonLabels");
            payload.putObject("commonAnnotations");
            ObjectNode a = payload.putArray("alerts").addObject().put("status", "firing")
                    .put("startsAt", now.plusSeconds(alert.at()).toString()).put("endsAt", "0001-01-01T00:00:00Z")
                    .put("generatorURL", "http://prometheus:9090/graph");
            ObjectNode labels = a.putObject("labels");
            alert.labels().forEach(labels::put);
            a.putObject("annotations").put("summary", alert.summary());
            expect(post("/api/v1/alerts/alertmanager", payload), 202, scenario);
        }
    }

    /**
     * Waits until the incident list stops changing (log mining, group waits and re-analyses have settled) and
     * every incident has an analysis, then scores each scenario on what was read back.
     */
    List<ScenarioScore> awaitAnalyses(List<RcaScenario> scenarios, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Instant earliestEnd = Instant.now().plusSeconds(8);
        String previous = "";
        Map<String, List<JsonNode>> byScenario = Map.of();
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(2000);
            // The list alone says whether incidents still come or change; details are read once it is quiet.
            List<JsonNode> firing = firingIncidents();
            StringBuilder listed = new StringBuilder();
            firing.forEach(i -> listed.append(i.path("id").asText()).append('@').append(i.path("updatedAt").asText()).append(';'));
            boolean quiet = listed.toString().equals(previous);
            previous = listed.toString();
            if (!quiet || Instant.now().isBefore(earliestEnd)) {
                continue;
            }
            Map<String, List<JsonNode>> current = new LinkedHashMap<>();
            boolean allDone = true;
            for (JsonNode summary : firing) {
                JsonNode detail = readTree(exchange(HttpMethod.GET, "/api/v1/incidents/" + summary.path("id").asText(),
                        null).getBody());
                String scenario = scenarioOf(detail);
                if (scenario != null) {
                    allDone &= "done".equals(detail.path("analysis").path("status").asText());
                    current.computeIfAbsent(scenario, k -> new ArrayList<>()).add(detail);
                }
            }
            byScenario = current;
            if (allDone && current.size() == scenarios.size()) {
                break;
            }
        }
        List<ScenarioScore> scores = new ArrayList<>();
        for (RcaScenario scenario : scenarios) {
            scores.add(score(scenario, byScenario.getOrDefault(scenario.id(), List.of())));
        }
        return scores;
    }

    private static ScenarioScore score(RcaScenario scenario, List<JsonNode> incidents) {
        JsonNode best = null;
        double bestConfidence = -1;
        for (JsonNode incident : incidents) {
            JsonNode result = incident.path("analysis").path("result");
            double confidence = result.path("confidence").asDouble(-1);
            if (!result.isMissingNode() && !result.isNull() && confidence > bestConfidence) {
                best = result;
                bestConfidence = confidence;
            }
        }
        if (best == null) {
            return new ScenarioScore(scenario, incidents.size(), null, null, 0, null);
        }
        return new ScenarioScore(scenario, incidents.size(), text(best.path("root_service")), text(best.path("category")),
                bestConfidence, best.path("summary").asText());
    }

    private List<JsonNode> firingIncidents() {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; page < 20; page++) {
            JsonNode body = readTree(exchange(HttpMethod.GET, "/api/v1/incidents?status=firing&size=500&page=" + page, null).getBody());
            body.path("items").forEach(all::add);
            if (body.path("items").size() < 500) {
                break;
            }
        }
        return all;
    }

    /** The scenario an incident came from: its alerts' scenario label, or the suffix of its service. */
    private static String scenarioOf(JsonNode detail) {
        for (JsonNode alert : detail.path("alerts")) {
            String label = alert.path("labels").path("scenario").asText("");
            if (!label.isEmpty()) {
                return label;
            }
        }
        String service = detail.path("incident").path("service").asText("");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-(s\\d+)$").matcher(service);
        return m.find() ? m.group(1) : null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private JsonNode readTree(String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private ResponseEntity<String> post(String path, JsonNode body) {
        return exchange(HttpMethod.POST, path, body.toString());
    }

    private ResponseEntity<String> exchange(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static void expect(ResponseEntity<String> response, int status, RcaScenario scenario) {
        if (response.getStatusCode().value() != status) {
            throw new IllegalStateException(scenario.id() + ": expected " + status + ", got " + response.getStatusCode()
                    + " " + response.getBody());
        }
    }

}
