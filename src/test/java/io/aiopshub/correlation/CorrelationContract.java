package io.aiopshub.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.analysis.logs.LogTemplateService;
import io.aiopshub.incident.IncidentDispatcher;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.ingest.LogLine;
import io.aiopshub.rca.IncidentAnalysisService;
import io.aiopshub.rca.group.GroupContext;
import io.aiopshub.rca.group.GroupContexts;
import io.aiopshub.rca.group.RootCandidate;
import io.aiopshub.support.MutableClock;
import io.aiopshub.support.Payloads;

/**
 * Correlation end to end through the REST API of a started hub, on a real database: alerts, logs and change
 * events in; groups, ranked roots, gathered evidence, API views and notifications out. Every test uses
 * service and host names of its own and starts a day after the previous one, so the tests share one hub.
 */
abstract class CorrelationContract {

    static final String TOKEN = "corr-token";
    static final String TOPOLOGY = """
            services:
              shop-checkout: {depends_on: [shop-orders-db], hosts: [shop-app-1]}
              shop-orders-db: {hosts: [shop-db-1]}
              rr-frontend: {depends_on: [rr-api]}
              rr-api: {depends_on: [rr-db]}
              ev-api: {depends_on: [ev-db]}
              ev-db: {hosts: [ev-db-host]}
              far-web: {depends_on: [far-db]}
              ch-checkout: {}
            """;

    @Autowired TestRestTemplate http;
    @Autowired MutableClock clock;
    @Autowired IncidentEngine engine;
    @Autowired IncidentDispatcher dispatcher;
    @Autowired Correlator correlator;
    @Autowired GroupContexts contexts;
    @Autowired LogTemplateService logs;
    @Autowired IncidentAnalysisService analysis;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired io.aiopshub.store.AlertInbox inbox;

    static void topology(DynamicPropertyRegistry registry, String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "correlation-tests"));
            Path file = dir.resolve(name + "-topology.yaml");
            Files.writeString(file, TOPOLOGY);
            registry.add("aiops.correlation.topology.file", file::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aSymptomIsLinkedToTheServiceItDependsOnWhichRanksAsRoot() throws Exception {
        Instant t0 = nextDay();
        alert("ShopDbTooManyConnections", t0, Map.of("service", "shop-orders-db", "instance", "shop-db-1:9187",
                "severity", "critical"));
        alert("ShopCheckoutErrors", t0.plusSeconds(120), Map.of("service", "shop-checkout", "severity", "high"));
        String db = incident("ShopDbTooManyConnections");
        String checkout = incident("ShopCheckoutErrors");

        correlator.correlate();

        String group = groupOf(checkout);
        assertThat(group).isNotNull().isEqualTo(groupOf(db));
        GroupContext context = contexts.forIncident(checkout);
        assertThat(context.correlated()).isTrue();
        assertThat(context.group().rootIncidentId()).isEqualTo(db);
        RootCandidate best = context.candidates().get(0);
        assertThat(best.service()).isEqualTo("shop-orders-db");
        assertThat(best.reasons()).anyMatch(r -> r.startsWith("started first"))
                .anyMatch(r -> r.equals("shop-checkout depends on it"));
        assertThat(context.dependencies().get("shop-checkout")).contains("shop-orders-db");

        JsonNode detail = get("/api/v1/incidents/" + checkout);
        assertThat(detail.path("incident").path("group").asText()).isEqualTo(group);
        assertThat(detail.path("group").path("role").asText()).isEqualTo("symptom");
        assertThat(detail.path("group").path("symptomOf").asText()).startsWith("symptom of").contains("(shop-orders-db)");
        assertThat(detail.path("group").path("candidates").get(0).path("service").asText()).isEqualTo("shop-orders-db");
        assertThat(detail.path("timeline").findValuesAsText("detail")).anyMatch(d -> d.startsWith("symptom of"));
        assertThat(get("/api/v1/incidents/" + db).path("group").path("role").asText()).isEqualTo("root");

        assertThat(get("/api/v1/incidents?group=" + group).path("total").asLong()).isEqualTo(2);
        JsonNode byLabel = get("/api/v1/incidents?label=service=shop-checkout&label=severity=high");
        assertThat(byLabel.path("total").asLong()).isEqualTo(1);
        assertThat(byLabel.path("items").get(0).path("id").asText()).isEqualTo(checkout);
        assertThat(get("/api/v1/incidents?label=service=shop-checkout&label=severity=critical").path("total").asLong()).isZero();

        // Notifications say what the incident is part of (folding is off by default).
        clock.advance(Duration.ofMinutes(1));
        dispatcher.flushDue();
        assertThat(notificationTexts(checkout)).isNotEmpty().allMatch(t -> t.contains("symptom of") && t.contains("shop-orders-db"));
        assertThat(notificationTexts(db)).isNotEmpty().allMatch(t -> t.contains("root of 1 correlated incident(s)"));
    }

    @Test
    void incidentsOnOneHostAreLinkedAndUnrelatedOnesAreNot() {
        Instant t0 = nextDay();
        alert("ShCacheEvictions", t0, Map.of("service", "sh-cache", "instance", "sh-node-7:9121"));
        alert("ShSearchSlow", t0.plusSeconds(30), Map.of("service", "sh-search", "instance", "sh-node-7:9200"));
        alert("ShOtherDown", t0.plusSeconds(40), Map.of("service", "sh-other", "instance", "sh-node-8:80"));

        correlator.correlate();

        assertThat(groupOf(incident("ShCacheEvictions"))).isNotNull().isEqualTo(groupOf(incident("ShSearchSlow")));
        assertThat(groupOf(incident("ShOtherDown"))).isNull();
        GroupContext context = contexts.forIncident(incident("ShSearchSlow"));
        assertThat(context.candidates()).flatExtracting(RootCandidate::reasons)
                .anyMatch(r -> r.startsWith("shares host sh-node-7"));
        assertThat(contexts.forIncident(incident("ShOtherDown")).correlated()).isFalse();
    }

    @Test
    void aGroupIsStoredAfterTheEnginesBatchNotInterleavedWithIt() throws Exception {
        Instant t0 = nextDay();
        alert("OrCacheEvictions", t0, Map.of("service", "or-cache", "instance", "or-node-3:9121"));
        alert("OrSearchSlow", t0.plusSeconds(30), Map.of("service", "or-search", "instance", "or-node-3:9200"));
        // An engine batch in progress: its transaction holds the inbox lock (and would lock incidents next).
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Void> batch = java.util.concurrent.CompletableFuture.runAsync(() ->
                transactions.executeWithoutResult(status -> {
                    inbox.lock();
                    locked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        java.util.concurrent.CompletableFuture<Void> correlating = java.util.concurrent.CompletableFuture.runAsync(correlator::correlate);
        Thread.sleep(500);
        assertThat(correlating).as("the group waits for the engine's batch").isNotDone();
        assertThat(groupOf(incident("OrCacheEvictions"))).isNull();

        release.countDown();
        batch.get(10, java.util.concurrent.TimeUnit.SECONDS);
        correlating.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(groupOf(incident("OrCacheEvictions"))).isNotNull().isEqualTo(groupOf(incident("OrSearchSlow")));
    }

    @Test
    void aDependencyStatedInLabelsLinksAndIsLearnedForGood() {
        Instant t0 = nextDay();
        alert("LbGatewayErrors", t0, Map.of("service", "lb-gateway", "upstream", "lb-auth"));
        alert("LbAuthLatency", t0.plusSeconds(90), Map.of("service", "lb-auth"));

        correlator.correlate();

        String gateway = incident("LbGatewayErrors");
        String auth = incident("LbAuthLatency");
        assertThat(groupOf(gateway)).isNotNull().isEqualTo(groupOf(auth));
        // The gateway started first, but it depends on auth: auth is the root.
        assertThat(contexts.forIncident(gateway).group().rootIncidentId()).isEqualTo(auth);
        assertThat(jdbc.queryForObject("select count(*) from learned_dependencies where service = 'lb-gateway' "
                + "and depends_on = 'lb-auth' and source = 'label'", Long.class)).isEqualTo(1);
    }

    @Test
    void relatedIncidentsFarApartInTimeAreNotLinked() {
        Instant t0 = nextDay();
        alert("FarDbDown", t0, Map.of("service", "far-db"));
        clock.advance(Duration.ofMinutes(5));
        post("/api/v1/alerts/alertmanager", Payloads.alertmanager("resolved", t0, clock.instant(),
                Map.of("alertname", "FarDbDown", "service", "far-db"), "x"));
        apply();
        clock.advance(Duration.ofHours(2));
        alert("FarWebErrors", clock.instant(), Map.of("service", "far-web"));

        correlator.correlate();

        assertThat(groupOf(incident("FarWebErrors"))).isNull();
        assertThat(groupOf(incident("FarDbDown"))).isNull();
    }

    @Test
    void theRootIsRankedAgainAsMembersJoinAndMembersAreAnalysedAgain() {
        Instant t0 = nextDay();
        alert("RrFrontendErrors", t0, Map.of("service", "rr-frontend"));
        alert("RrApiErrors", t0.plusSeconds(60), Map.of("service", "rr-api"));
        correlator.correlate();
        String frontend = incident("RrFrontendErrors");
        String api = incident("RrApiErrors");
        assertThat(contexts.forIncident(frontend).group().rootIncidentId()).isEqualTo(api);
        analysis.analyzePending();
        long before = analyses(frontend);
        assertThat(before).isEqualTo(1);

        alert("RrDbDown", t0.plusSeconds(120), Map.of("service", "rr-db"));
        correlator.correlate();
        String db = incident("RrDbDown");

        GroupContext context = contexts.forIncident(frontend);
        assertThat(context.group().members()).hasSize(3);
        assertThat(context.group().rootIncidentId()).isEqualTo(db);
        assertThat(context.candidates().get(0).reasons()).anyMatch(r -> r.contains("rr-api") && r.contains("depend"));
        assertThat(timelineDetails(api)).anyMatch(d -> d.startsWith("symptom of") && d.contains("rr-db"));
        analysis.analyzePending();
        assertThat(analyses(frontend)).as("the group changed materially").isEqualTo(2);
        analysis.analyzePending();
        assertThat(analyses(frontend)).as("nothing changed since").isEqualTo(2);
    }

    @Test
    void logTemplatesOfTheGroupsServicesAndHostsAreEvidenceWhicheverArrivedFirst() {
        Instant t0 = nextDay();
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(new LogLine("ev-db", "ERROR", "could not extend file base/16384/2619." + i + ": No space left on device",
                    t0.minusSeconds(300 - i), "ev-db-host"));
            lines.add(new LogLine("ev-db", "INFO", "checkpoint complete: wrote " + i + " buffers", t0.minusSeconds(290 - i),
                    "ev-db-host"));
            lines.add(new LogLine("ev-noise", "WARN", "cache miss ratio high on shard " + i, t0.minusSeconds(280 - i), "ev-noise-host"));
        }
        lines.add(new LogLine("ev-api", "ERROR", "query failed: upstream ev-db timed out after 5000 ms", t0.minusSeconds(100),
                "ev-api-host"));
        logs.mine(lines);
        logs.attachEvidence();
        alert("EvApiErrors", t0, Map.of("service", "ev-api"));

        correlator.correlate();

        GroupContext api = contexts.forIncident(incident("EvApiErrors"));
        assertThat(api.logEvidence()).anyMatch(t -> t.service().equals("ev-db") && t.template().contains("No space left on device")
                && t.occurrences() == 3);
        assertThat(api.logEvidence()).noneMatch(t -> t.service().equals("ev-noise"));
        assertThat(api.logEvidence()).noneMatch(t -> t.template().contains("checkpoint complete"));
        assertThat(jdbc.queryForObject("select count(*) from learned_dependencies where service = 'ev-api' "
                + "and depends_on = 'ev-db' and source = 'log'", Long.class)).isEqualTo(1);

        // A log line after the alerts, on the database host, is evidence too.
        logs.mine(List.of(new LogLine("ev-disk", "ERROR", "EXT4-fs error: remounting filesystem read-only",
                t0.plusSeconds(60), "ev-db-host")));
        logs.attachEvidence();
        alert("EvDbDown", t0.plusSeconds(90), Map.of("service", "ev-db", "instance", "ev-db-host:9187"));
        correlator.correlate();
        GroupContext db = contexts.forIncident(incident("EvDbDown"));
        assertThat(db.correlated()).isTrue();
        assertThat(db.logEvidence()).anyMatch(t -> t.template().contains("No space left on device"))
                .anyMatch(t -> t.template().contains("remounting filesystem read-only"));
        assertThat(contexts.forIncident(incident("EvApiErrors")).logEvidence())
                .anyMatch(t -> t.template().contains("remounting filesystem read-only"));
    }

    @Test
    void postedChangeEventsAreRedactedEvidenceAndRankTheirService() {
        Instant t0 = nextDay();
        ResponseEntity<String> posted = post("/api/v1/events", """
                {"kind": "change", "service": "ch-payments", "type": "deploy", "at": "%s",
                 "summary": "rolled out v2.3 with password=hunter2", "labels": {"version": "2.3"}}""".formatted(t0.minusSeconds(180)));
        assertThat(posted.getStatusCode().value()).isEqualTo(202);
        alert("ChCheckoutErrors", t0, Map.of("service", "ch-checkout", "peer_service", "ch-payments"));
        alert("ChPaymentsErrors", t0.plusSeconds(20), Map.of("service", "ch-payments"));

        correlator.correlate();

        GroupContext context = contexts.forIncident(incident("ChCheckoutErrors"));
        assertThat(context.changes()).singleElement().satisfies(c -> {
            assertThat(c.service()).isEqualTo("ch-payments");
            assertThat(c.type()).isEqualTo("deploy");
            assertThat(c.summary()).contains("rolled out v2.3").doesNotContain("hunter2");
            assertThat(c.labels()).containsEntry("version", "2.3");
        });
        assertThat(context.candidates().get(0).service()).isEqualTo("ch-payments");
        assertThat(context.candidates().get(0).reasons()).anyMatch(r -> r.startsWith("changed: deploy"));
    }

    @Test
    void deployAnnotationsOnAlertsBecomeOneChangeEvent() {
        Instant t0 = nextDay();
        String body = Payloads.alertmanagerBatch("firing", """
                {"status":"firing","labels":{"alertname":"DaWebErrors","service":"da-web"},
                 "annotations":{"summary":"5xx","annotation_kubernetes_io_change_cause":"kubectl set image deploy/da-web web=web:v7",
                                "annotation_deployment_kubernetes_io_revision":"7"},
                 "startsAt":"%s","endsAt":"0001-01-01T00:00:00Z"}""".formatted(t0));
        assertThat(post("/api/v1/alerts/alertmanager", body).getStatusCode().value()).isEqualTo(202);
        apply();
        correlator.correlate();
        clock.advance(Duration.ofSeconds(30));
        post("/api/v1/alerts/alertmanager", body);
        apply();
        correlator.correlate();

        GroupContext context = contexts.forIncident(incident("DaWebErrors"));
        assertThat(context.changes()).singleElement().satisfies(c -> {
            assertThat(c.service()).isEqualTo("da-web");
            assertThat(c.type()).isEqualTo("deploy");
            assertThat(c.summary()).contains("web=web:v7").contains("Deployment revision: 7");
        });
    }

    @Test
    void badChangeEventsAndFiltersAre400sNamingTheField() throws Exception {
        long stored = jdbc.queryForObject("select count(*) from change_events", Long.class);
        assertProblem(post("/api/v1/events", "{\"kind\":\"change\",\"service\":\"x\",\"summary\":\"s\"}"), "type");
        assertProblem(post("/api/v1/events", "{\"kind\":\"change\",\"type\":\"deploy\",\"summary\":\"s\"}"), "service");
        assertProblem(post("/api/v1/events", "{\"kind\":\"change\",\"service\":\"x\",\"type\":\"deploy\"}"), "summary");
        assertProblem(post("/api/v1/events", "{\"kind\":\"deploy\",\"service\":\"x\",\"type\":\"deploy\",\"summary\":\"s\"}"), "kind");
        assertProblem(post("/api/v1/events", "{\"kind\":\"change\",\"service\":\"x\",\"type\":\"deploy\",\"summary\":\"s\","
                + "\"sumary\":\"typo\"}"), "sumary");
        assertProblem(post("/api/v1/events", "{\"kind\":\"change\",\"service\":\"x\",\"type\":\"de ploy\",\"summary\":\"s\"}"), "type");
        assertProblem(post("/api/v1/events", "{\"kind\":\"change\",\"service\":\"x\",\"type\":\"deploy\",\"summary\":\""
                + "s".repeat(2001) + "\"}"), "summary");
        assertProblem(post("/api/v1/events", "{\"kind\":\"change\",\"service\":\"x\",\"type\":\"deploy\",\"summary\":\"s\","
                + "\"at\":\"yesterday\"}"), "at");
        assertProblem(post("/api/v1/events", "[{\"kind\":\"change\",\"service\":\"x\",\"type\":\"deploy\",\"summary\":\"s\"},"
                + "{\"kind\":\"change\",\"service\":\"x\",\"type\":\"deploy\",\"summary\":\"s\",\"labels\":{\"a\":1}}]"), "[1].labels.a");
        assertThat(jdbc.queryForObject("select count(*) from change_events", Long.class)).as("nothing half-stored").isEqualTo(stored);

        assertProblem(exchange("/api/v1/incidents?label=noequals"), "label");
        assertProblem(exchange("/api/v1/incidents?label=1bad=x"), "label");
        assertProblem(exchange("/api/v1/incidents?label=a=1&label=a=2"), "label");
        assertProblem(exchange("/api/v1/incidents?group=not-a-group"), "group");
    }

    // --- helpers

    Instant nextDay() {
        clock.advance(Duration.ofDays(1));
        return clock.instant();
    }

    void alert(String alertname, Instant startsAt, Map<String, String> labels) {
        Map<String, String> all = new java.util.LinkedHashMap<>(labels);
        all.put("alertname", alertname);
        assertThat(post("/api/v1/alerts/alertmanager", Payloads.alertmanager("firing", startsAt, null, all, alertname))
                .getStatusCode().value()).isEqualTo(202);
        apply();
    }

    void apply() {
        while (engine.applyInbox() > 0) {
            // drain
        }
    }

    String incident(String alertname) {
        return jdbc.queryForObject("select incident_id from alerts where alertname = ? order by id desc fetch first 1 rows only",
                String.class, alertname);
    }

    String groupOf(String incidentId) {
        return jdbc.queryForObject("select correlation_group_id from incidents where id = ?", String.class, incidentId);
    }

    long analyses(String incidentId) {
        return jdbc.queryForObject("select count(*) from incident_analyses where incident_id = ?", Long.class, incidentId);
    }

    List<String> timelineDetails(String incidentId) {
        return jdbc.queryForList("select detail from timeline_entries where incident_id = ? order by id", String.class, incidentId);
    }

    List<String> notificationTexts(String incidentId) throws Exception {
        List<String> texts = new ArrayList<>();
        for (String content : jdbc.queryForList("select content_json from notifications where incident_id = ?", String.class,
                incidentId)) {
            texts.add(json.readTree(content).path("text").asText());
        }
        return texts;
    }

    ResponseEntity<String> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKEN);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(URI.create(http.getRootUri() + path), HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    ResponseEntity<String> exchange(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKEN);
        return http.exchange(URI.create(http.getRootUri() + path), HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = exchange(path);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    void assertProblem(ResponseEntity<String> response, String field) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        assertThat(json.readTree(response.getBody()).path("field").asText()).as(response.getBody()).isEqualTo(field);
    }
}
