package io.aiopshub.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.aiopshub.notify.NotificationMessage.Kind;
import io.aiopshub.store.AlertInbox;
import io.aiopshub.store.AlertEntity;
import io.aiopshub.store.AlertRepository;
import io.aiopshub.store.DedupStore;
import io.aiopshub.store.IncidentEntity;
import io.aiopshub.store.IncidentRepository;
import io.aiopshub.store.NotificationEntity;
import io.aiopshub.store.NotificationRepository;
import io.aiopshub.store.TimelineEntryEntity;
import io.aiopshub.store.TimelineRepository;
import io.aiopshub.support.MutableClock;
import io.aiopshub.support.Payloads;
import io.aiopshub.support.TestClockConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Alertmanager's noise-control semantics, end to end through the HTTP API and the database. The same
 * tests run on H2 and on a real PostgreSQL (subclasses). Time is a {@link MutableClock}; the engine and
 * dispatcher loops are driven by hand (their timer routes are not loaded), so every step is deterministic.
 * "Notified" means a row in the notification outbox: delivery is tested with the channels.
 */
abstract class IncidentLifecycleContract {

    static final String BEARER = "test-token";
    static final Map<String, String> CPU = Map.of("alertname", "HighCPU", "service", "api", "severity", "critical",
            "instance", "10.0.0.1:9100");

    @Autowired TestRestTemplate http;
    @Autowired MutableClock clock;
    @Autowired IncidentEngine engine;
    @Autowired IncidentDispatcher dispatcher;
    @Autowired IncidentRepository incidents;
    @Autowired AlertRepository alerts;
    @Autowired NotificationRepository notifications;
    @Autowired TimelineRepository timeline;
    @Autowired DedupStore dedupStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired InboxBatches batches;
    @Autowired MeterRegistry meters;
    @Autowired TransactionTemplate transaction;

    @BeforeEach
    void cleanState() {
        for (String table : List.of("timeline_entries", "notifications", "alerts", "incidents", "silences", "alert_inbox",
                "inbox_dead_letters")) {
            jdbc.update("delete from " + table);
        }
        dedupStore.clear();
        clock.set(TestClockConfig.START);
    }

    @Test
    void repeatedDeliveriesMakeOneIncidentAndOneNotificationUntilRepeatInterval() {
        Instant start = clock.instant().minusSeconds(60);
        for (int i = 0; i < 6; i++) {
            assertThat(postAlertmanager(Payloads.alertmanager("firing", start, null, CPU, "CPU high")).getStatusCode().value())
                    .isEqualTo(202);
        }
        tick();
        assertThat(incidents.count()).isEqualTo(1);
        assertThat(outbox()).as("nothing before group_wait").isEmpty();

        clock.advance(Duration.ofSeconds(30));
        tick();
        assertThat(kinds()).containsExactlyInAnyOrder("telegram:TRIGGER", "pagerduty:TRIGGER", "slack:TRIGGER");

        // Prometheus re-sends every evaluation; the hub keeps quiet until repeat_interval (4h).
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofMinutes(10));
            postAlertmanager(Payloads.alertmanager("firing", start, clock.instant().plus(Duration.ofMinutes(4)), CPU, "CPU high"));
            tick();
        }
        assertThat(kinds()).hasSize(3);
        clock.advance(Duration.ofMinutes(20));
        postAlertmanager(Payloads.alertmanager("firing", start, clock.instant().plus(Duration.ofMinutes(4)), CPU, "CPU high"));
        tick();
        assertThat(kinds()).filteredOn(k -> k.endsWith("REPEAT")).hasSize(3);
    }

    @Test
    void alertsOfOneGroupArrivingWithinGroupWaitGoOutTogether() {
        Instant start = clock.instant();
        Instant end = start.plus(Duration.ofHours(1));
        postAlertmanager(Payloads.alertmanager("firing", start, end, CPU, "one"));
        clock.advance(Duration.ofSeconds(10));
        postAlertmanager(Payloads.alertmanager("firing", start, end, with(CPU, "instance", "10.0.0.2:9100"), "two"));
        tick();
        clock.advance(Duration.ofSeconds(20));
        tick();
        assertThat(incidents.count()).isEqualTo(1);
        List<NotificationEntity> sent = outbox();
        assertThat(sent).hasSize(3).allMatch(n -> n.getKind().equals("TRIGGER"));
        assertThat(sent.get(0).getContentJson()).contains("\"firing\":2");

        // A third alert after the first flush waits for group_interval, then one UPDATE.
        postAlertmanager(Payloads.alertmanager("firing", start, end, with(CPU, "instance", "10.0.0.3:9100"), "three"));
        clock.advance(Duration.ofMinutes(1));
        tick();
        assertThat(outbox()).hasSize(3);
        clock.advance(Duration.ofMinutes(4));
        tick();
        assertThat(kinds()).filteredOn(k -> k.endsWith("UPDATE")).hasSize(3);
    }

    @Test
    void differentGroupByValuesMakeSeparateIncidents() {
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "api"));
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, with(CPU, "service", "web"), "web"));
        tick();
        assertThat(incidents.count()).isEqualTo(2);
    }

    @Test
    void resolvedPayloadResolvesTheIncidentAndNotifiesResolution() {
        Instant start = clock.instant();
        postAlertmanager(Payloads.alertmanager("firing", start, null, CPU, "CPU high"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        clock.advance(Duration.ofMinutes(2));
        postAlertmanager(Payloads.alertmanager("resolved", start, clock.instant(), CPU, "CPU high"));
        tick();
        clock.advance(Duration.ofMinutes(5));
        tick();
        IncidentEntity incident = incidents.findAll().get(0);
        assertThat(incident.getStatus()).isEqualTo("resolved");
        assertThat(incident.getResolvedAt()).isNotNull();
        assertThat(kinds()).filteredOn(k -> k.endsWith("RESOLVED"))
                .containsExactlyInAnyOrder("telegram:RESOLVED", "pagerduty:RESOLVED", "slack:RESOLVED");
        assertThat(timelineKinds(incident.getId())).contains(IncidentTimeline.OPENED, IncidentTimeline.ALERT_ADDED,
                IncidentTimeline.NOTIFICATION.equals("x") ? "" : IncidentTimeline.ALERT_RESOLVED, IncidentTimeline.RESOLVED);

        // The same alert firing again later opens a new incident.
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "CPU high again"));
        tick();
        assertThat(incidents.count()).isEqualTo(2);
    }

    @Test
    void alertThatStopsBeingSentExpiresAtEndsAt() {
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), clock.instant().plus(Duration.ofMinutes(4)), CPU, "x"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        clock.advance(Duration.ofMinutes(5));
        tick();
        clock.advance(Duration.ofMinutes(5));
        tick();
        assertThat(incidents.findAll().get(0).getStatus()).isEqualTo("resolved");
        assertThat(alerts.findAll().get(0).getStatus()).isEqualTo("resolved");
        assertThat(kinds()).filteredOn(k -> k.endsWith("RESOLVED")).hasSize(3);
    }

    @Test
    void resolutionOfAnAlertNeverSeenFiringOpensNothing() {
        postAlertmanager(Payloads.alertmanager("resolved", clock.instant().minusSeconds(600), clock.instant(), CPU, "x"));
        tick();
        assertThat(incidents.count()).isZero();
    }

    @Test
    void silencedAlertsAreStoredButNotNotifiedUntilTheSilenceExpires() {
        String silence = """
                {"matchers":[{"name":"service","op":"=~","value":"api|web"},{"name":"alertname","op":"=","value":"HighCPU"}],
                 "endsAt":"%s","createdBy":"alice","comment":"maintenance"}""".formatted(clock.instant().plus(Duration.ofHours(1)));
        ResponseEntity<String> created = exchange(HttpMethod.POST, "/api/v1/silences", silence);
        assertThat(created.getStatusCode().value()).isEqualTo(201);

        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "x"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        assertThat(outbox()).isEmpty();
        AlertEntity alert = alerts.findAll().get(0);
        assertThat(alert.getSilencedBy()).isNotNull();
        assertThat(exchange(HttpMethod.GET, "/api/v1/incidents/" + alert.getIncidentId(), null).getBody())
                .contains("\"silencedBy\"").contains(IncidentTimeline.SILENCED);

        // Keep the alert alive past the silence's end: then it is notified.
        for (int i = 0; i < 13; i++) {
            clock.advance(Duration.ofMinutes(5));
            postAlertmanager(Payloads.alertmanager("firing", TestClockConfig.START, clock.instant().plus(Duration.ofMinutes(4)), CPU, "x"));
            tick();
        }
        assertThat(alerts.findAll().get(0).getSilencedBy()).isNull();
        assertThat(kinds()).containsExactlyInAnyOrder("telegram:TRIGGER", "pagerduty:TRIGGER", "slack:TRIGGER");
    }

    /** java.util.regex needed ~29 s for 28 'a's here, doubling per character, and held up every other incident. */
    @Test
    @Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
    void aRegexBombSilenceDoesNotStallTheDispatcher() {
        String silence = """
                {"matchers":[{"name":"service","op":"=~","value":"((a+)*)+b"}],
                 "endsAt":"%s","createdBy":"mallory","comment":"bomb"}""".formatted(clock.instant().plus(Duration.ofHours(1)));
        assertThat(exchange(HttpMethod.POST, "/api/v1/silences", silence).getStatusCode().value()).isEqualTo(201);
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, with(CPU, "service", "a".repeat(40)), "x"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        assertThat(alerts.findAll().get(0).getSilencedBy()).isNull();
        assertThat(kinds()).containsExactlyInAnyOrder("telegram:TRIGGER", "pagerduty:TRIGGER", "slack:TRIGGER");
    }

    @Test
    void expiringASilenceByHandStopsItApplying() {
        String silence = """
                {"matchers":[{"name":"alertname","value":"HighCPU","isRegex":false}],"endsAt":"%s",
                 "createdBy":"bob","comment":"deploy"}""".formatted(clock.instant().plus(Duration.ofHours(2)));
        String id = exchange(HttpMethod.POST, "/api/v1/silences", silence).getBody().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(id).hasSize(36);
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "x"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        assertThat(outbox()).isEmpty();
        assertThat(exchange(HttpMethod.DELETE, "/api/v1/silences/" + id, null).getBody()).contains("\"state\":\"expired\"");
        clock.advance(Duration.ofMinutes(4));
        postAlertmanager(Payloads.alertmanager("firing", TestClockConfig.START, clock.instant().plus(Duration.ofMinutes(4)), CPU, "x"));
        clock.advance(Duration.ofMinutes(1));
        tick();
        assertThat(kinds()).hasSize(3);
    }

    @Test
    void criticalAlertInhibitsLowerSeverityAlertWithEqualLabels() {
        Map<String, String> warning = with(CPU, "severity", "warning");
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "critical"));
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, warning, "warning"));
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, with(warning, "service", "other"), "other"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        // Two dispatch passes: inhibition looks at all firing alerts, which the first pass has just settled.
        assertThat(incidents.count()).isEqualTo(3);
        List<AlertEntity> all = alerts.findAll();
        assertThat(all).filteredOn(a -> a.getLabels().equals(warning)).singleElement()
                .matches(AlertEntity::isInhibited);
        assertThat(all).filteredOn(a -> a.getLabels().get("service").equals("other")).singleElement()
                .matches(a -> !a.isInhibited());
        assertThat(kinds()).containsExactlyInAnyOrder("telegram:TRIGGER", "pagerduty:TRIGGER", "slack:TRIGGER",
                "telegram:TRIGGER");
    }

    @Test
    void flappingAlertSendsOneNoticeThenStaysQuietUntilItSettles() {
        Instant start = clock.instant();
        postAlertmanager(Payloads.alertmanager("firing", start, null, CPU, "x"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        assertThat(outbox()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(40));
            postAlertmanager(Payloads.alertmanager("resolved", start, clock.instant(), CPU, "x"));
            tick();
            clock.advance(Duration.ofSeconds(40));
            postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "x"));
            tick();
        }
        clock.advance(Duration.ofMinutes(1));
        tick();
        assertThat(kinds()).filteredOn(k -> k.endsWith("FLAPPING")).hasSize(3);
        int afterNotice = outbox().size();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(2));
            postAlertmanager(Payloads.alertmanager(i % 2 == 0 ? "resolved" : "firing", start, clock.instant(), CPU, "x"));
            tick();
        }
        assertThat(outbox()).as("quiet while flapping").hasSize(afterNotice);
        // Settles: firing steadily for longer than the flapping window.
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(5));
            postAlertmanager(Payloads.alertmanager("firing", start, clock.instant().plus(Duration.ofMinutes(4)), CPU, "x"));
            tick();
        }
        String id = incidents.findAll().get(0).getId();
        assertThat(timelineKinds(id)).contains(IncidentTimeline.FLAPPING, IncidentTimeline.SETTLED);
        assertThat(incidents.findAll().get(0).isFlapping()).isFalse();
    }

    @Test
    void acknowledgementIsRecordedSentAndNamedInRepeats() {
        Instant start = clock.instant();
        postAlertmanager(Payloads.alertmanager("firing", start, null, CPU, "x"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        String id = incidents.findAll().get(0).getId();
        ResponseEntity<String> ack = exchange(HttpMethod.POST, "/api/v1/incidents/" + id + "/ack",
                "{\"user\":\"alice\",\"comment\":\"on it\"}");
        assertThat(ack.getStatusCode().value()).isEqualTo(200);
        assertThat(ack.getBody()).contains("\"ackedBy\":\"alice\"");
        assertThat(kinds()).filteredOn(k -> k.endsWith("ACK")).hasSize(3);

        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofMinutes(10));
            postAlertmanager(Payloads.alertmanager("firing", start, clock.instant().plus(Duration.ofMinutes(4)), CPU, "x"));
            tick();
        }
        List<NotificationEntity> repeats = outbox().stream().filter(n -> n.getKind().equals(Kind.REPEAT.name())).toList();
        assertThat(repeats).isNotEmpty().allMatch(n -> n.getContentJson().contains("\"ackedBy\":\"alice\"")
                && n.getContentJson().contains("\"ackComment\":\"on it\""));
        assertThat(timelineKinds(id)).contains(IncidentTimeline.ACKNOWLEDGED);
    }

    @Test
    void anAcknowledgementThatMeetsAConcurrentUpdateIsMadeAgainInsteadOfRefused() throws Exception {
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "x"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        String id = incidents.findAll().get(0).getId();
        List<CompletableFuture<ResponseEntity<String>>> ack = new java.util.ArrayList<>();
        transaction.executeWithoutResult(status -> {
            // As the engine applying a batch would: the incident changes and its row stays locked until commit.
            jdbc.update("update incidents set version = version + 1, title = 'changed meanwhile' where id = ?", id);
            ack.add(CompletableFuture.supplyAsync(() -> exchange(HttpMethod.POST, "/api/v1/incidents/" + id + "/ack",
                    "{\"user\":\"alice\",\"comment\":\"on it\"}")));
            // The ack read the version before this change and now waits to write over it.
            assertThatThrownBy(() -> ack.get(0).get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        });
        ResponseEntity<String> response = ack.get(0).get(30, TimeUnit.SECONDS);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        IncidentEntity acked = incidents.findById(id).orElseThrow();
        assertThat(acked.getAckedBy()).isEqualTo("alice");
        assertThat(acked.getTitle()).as("the concurrent change is kept").isEqualTo("changed meanwhile");
        assertThat(timelineKinds(id)).as("the attempt that met the change left nothing behind")
                .filteredOn(IncidentTimeline.ACKNOWLEDGED::equals).hasSize(1);
        assertThat(kinds()).filteredOn(k -> k.endsWith("ACK")).hasSize(3);
    }

    @Test
    void incidentListFiltersAndPages() {
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "api"));
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null,
                Map.of("alertname", "DiskFull", "service", "db", "severity", "warning"), "db"));
        tick();
        assertThat(exchange(HttpMethod.GET, "/api/v1/incidents?severity=critical", null).getBody())
                .contains("\"total\":1").contains("HighCPU").doesNotContain("DiskFull");
        assertThat(exchange(HttpMethod.GET, "/api/v1/incidents?service=db", null).getBody())
                .contains("\"total\":1").contains("DiskFull");
        assertThat(exchange(HttpMethod.GET, "/api/v1/incidents?status=firing&size=1&page=1", null).getBody())
                .contains("\"total\":2").contains("\"page\":1");
        assertThat(exchange(HttpMethod.GET, "/api/v1/incidents?from=2030-01-01T00:00:00Z", null).getBody())
                .contains("\"total\":0");
        ResponseEntity<String> bad = exchange(HttpMethod.GET, "/api/v1/incidents?severity=huge", null);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("\"field\":\"severity\"");
        assertThat(exchange(HttpMethod.GET, "/api/v1/incidents/does-not-exist", null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void anEventTheEngineCannotApplyIsSetAsideAndTheEventsBehindItAreApplied() {
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "before"));
        // An event the engine cannot apply (here: stored before the API refused services longer than the column).
        jdbc.update("insert into alert_inbox (source, fingerprint, status, labels_json, annotations_json, starts_at, "
                + "received_at) values ('alertmanager', 'poison', 'firing', ?, '{}', ?, ?)",
                "{\"alertname\":\"Poison\",\"service\":\"" + "s".repeat(300) + "\"}",
                Timestamp.from(clock.instant()), Timestamp.from(clock.instant()));
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, with(CPU, "service", "web"), "after"));
        double setAsideBefore = meters.counter("aiops.inbox.dead.letters").count();

        tick();

        assertThat(jdbc.queryForObject("select count(*) from alert_inbox", Long.class)).isZero();
        assertThat(incidents.findAll()).extracting(IncidentEntity::getService).containsExactlyInAnyOrder("api", "web");
        assertThat(jdbc.queryForList("select fingerprint from inbox_dead_letters", String.class)).containsExactly("poison");
        assertThat(jdbc.queryForObject("select error from inbox_dead_letters", String.class))
                .containsIgnoringCase("too long").contains("256");
        assertThat(meters.counter("aiops.inbox.dead.letters").count()).isEqualTo(setAsideBefore + 1);
        assertThat(exchange(HttpMethod.GET, "/api/v1/inbox", null).getBody())
                .isEqualTo("{\"backlog\":0,\"deadLetters\":1}");
        ResponseEntity<String> deadLetters = exchange(HttpMethod.GET, "/api/v1/inbox/dead-letters?size=10", null);
        assertThat(deadLetters.getStatusCode().value()).isEqualTo(200);
        assertThat(deadLetters.getBody()).contains("\"fingerprint\":\"poison\"").contains("\"alertname\":\"Poison\"")
                .contains("\"error\":").contains("\"total\":1");
        assertThat(exchange(HttpMethod.GET, "/api/v1/inbox/dead-letters?size=0", null).getStatusCode().value()).isEqualTo(400);

        // Later events flow as usual, in batches.
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, with(CPU, "service", "db"), "later"));
        tick();
        assertThat(incidents.count()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from inbox_dead_letters", Long.class)).isEqualTo(1);
    }

    @Test
    void aTransientFailureLeavesTheEventsInTheInboxForTheNextRun() {
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "x"));
        assertThatThrownBy(() -> batches.take(100, events -> {
            throw new CannotAcquireLockException("lock wait timeout");
        })).isInstanceOf(CannotAcquireLockException.class);
        assertThat(jdbc.queryForObject("select count(*) from alert_inbox", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from inbox_dead_letters", Long.class)).isZero();
        tick();
        assertThat(incidents.count()).isEqualTo(1);
    }

    @Test
    void anEventCommittedWhileABatchIsAppliedIsNotDeletedUnapplied() throws Exception {
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "first"));
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, with(CPU, "service", "web"), "second"));
        // The first id stands for one an ingest transaction took but has not committed yet.
        long lateId = jdbc.queryForObject("select min(id) from alert_inbox", Long.class);
        jdbc.update("delete from alert_inbox where id = ?", lateId);

        int taken = batches.take(100, events -> {
            assertThat(events).extracting(AlertInbox.InboxEvent::id).doesNotContain(lateId);
            // That transaction commits while the batch it did not make it into is being applied.
            CompletableFuture.runAsync(() -> jdbc.update("insert into alert_inbox (id, source, fingerprint, status, "
                    + "labels_json, annotations_json, starts_at, received_at) values (?, 'alertmanager', 'late', "
                    + "'firing', '{\"alertname\":\"Late\"}', '{}', ?, ?)", lateId, Timestamp.from(clock.instant()),
                    Timestamp.from(clock.instant()))).join();
        });

        assertThat(taken).isEqualTo(1);
        assertThat(jdbc.queryForList("select fingerprint from alert_inbox", String.class))
                .as("still waiting to be applied").containsExactly("late");
    }

    @Test
    void theIncidentResolvesWithItsLastAlertWhileTheResolvedNotificationWaitsForGroupInterval() {
        Instant start = clock.instant();
        Map<String, String> second = with(CPU, "instance", "10.0.0.2:9100");
        postAlertmanager(Payloads.alertmanager("firing", start, null, CPU, "one"));
        postAlertmanager(Payloads.alertmanager("firing", start, null, second, "two"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        assertThat(kinds()).hasSize(3).allMatch(k -> k.endsWith("TRIGGER"));

        clock.advance(Duration.ofMinutes(1));
        postAlertmanager(Payloads.alertmanager("resolved", start, clock.instant(), CPU, "one"));
        applyOnly();
        assertThat(onlyIncident().getStatus()).as("one alert still fires").isEqualTo("firing");

        postAlertmanager(Payloads.alertmanager("resolved", start, clock.instant(), second, "two"));
        applyOnly();
        IncidentEntity incident = onlyIncident();
        assertThat(incident.getStatus()).as("resolved by the engine, before any flush").isEqualTo("resolved");
        assertThat(incident.getResolvedAt()).isEqualTo(clock.instant());
        assertThat(timelineKinds(incident.getId())).endsWith(IncidentTimeline.ALERT_RESOLVED, IncidentTimeline.RESOLVED);
        assertThat(exchange(HttpMethod.GET, "/api/v1/incidents?status=firing", null).getBody()).contains("\"total\":0");

        dispatcher.flushDue();
        assertThat(kinds()).as("the resolved notification keeps group_interval").noneMatch(k -> k.endsWith("RESOLVED"));
        clock.advance(Duration.ofMinutes(4));
        tick();
        assertThat(kinds()).filteredOn(k -> k.endsWith("RESOLVED"))
                .containsExactlyInAnyOrder("telegram:RESOLVED", "pagerduty:RESOLVED", "slack:RESOLVED");
        assertThat(timelineKinds(incident.getId())).filteredOn(IncidentTimeline.RESOLVED::equals).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from incidents where open_group_key is not null", Integer.class))
                .as("the group is closed once the resolution went out").isZero();
    }

    @Test
    void anAlertFiringAgainBeforeTheGroupClosesReopensTheSameIncidentAndNoResolutionIsSent() {
        Instant start = clock.instant();
        postAlertmanager(Payloads.alertmanager("firing", start, null, CPU, "x"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        clock.advance(Duration.ofMinutes(1));
        postAlertmanager(Payloads.alertmanager("resolved", start, clock.instant(), CPU, "x"));
        applyOnly();
        assertThat(onlyIncident().getStatus()).isEqualTo("resolved");

        clock.advance(Duration.ofMinutes(1));
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "x"));
        applyOnly();
        IncidentEntity incident = onlyIncident();
        assertThat(incident.getStatus()).isEqualTo("firing");
        assertThat(incident.getResolvedAt()).isNull();
        assertThat(timelineKinds(incident.getId())).endsWith(IncidentTimeline.REOPENED, IncidentTimeline.ALERT_REFIRED);

        clock.advance(Duration.ofMinutes(4));
        tick();
        assertThat(incidents.count()).isEqualTo(1);
        assertThat(onlyIncident().getStatus()).isEqualTo("firing");
        assertThat(kinds()).noneMatch(k -> k.endsWith("RESOLVED"));
    }

    @Test
    void anAlertPastItsEndsAtResolvesTheIncidentBeforeTheNextFlush() {
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), clock.instant().plus(Duration.ofMinutes(4)), CPU, "x"));
        clock.advance(Duration.ofSeconds(30));
        tick();
        clock.advance(Duration.ofMinutes(4));
        assertThat(engine.expireDue()).isEqualTo(1);
        IncidentEntity incident = onlyIncident();
        assertThat(incident.getStatus()).isEqualTo("resolved");
        assertThat(alerts.findAll().get(0).getStatus()).isEqualTo("resolved");
        assertThat(timelineKinds(incident.getId())).endsWith(IncidentTimeline.ALERT_EXPIRED, IncidentTimeline.RESOLVED);
        assertThat(engine.expireDue()).isZero();
        assertThat(kinds()).noneMatch(k -> k.endsWith("RESOLVED"));

        clock.advance(Duration.ofMinutes(1));
        tick();
        assertThat(kinds()).filteredOn(k -> k.endsWith("RESOLVED")).hasSize(3);
    }

    @Test
    void anotherWriterWaitsForTheEngineBatchInsteadOfFailingIt() throws Exception {
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, CPU, "x"));
        tick();
        IncidentEntity open = incidents.findAll().get(0);
        List<CompletableFuture<Integer>> writer = new java.util.ArrayList<>();
        transaction.executeWithoutResult(status -> {
            IncidentEntity read = incidents.findByOpenGroupKeyIn(List.of(open.getOpenGroupKey())).get(0);
            // As a dispatcher flush or an acknowledgement would: a committed change to the same incident.
            writer.add(CompletableFuture.supplyAsync(() -> jdbc.update(
                    "update incidents set version = version + 1 where id = ?", open.getId())));
            assertThatThrownBy(() -> writer.get(0).get(500, TimeUnit.MILLISECONDS))
                    .as("held at the row lock while the engine's batch runs").isInstanceOf(TimeoutException.class);
            read.setSeverity("critical");
        });
        assertThat(writer.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(incidents.findById(open.getId()).orElseThrow().getSeverity()).isEqualTo("critical");
    }

    @Test
    void alertsJoiningAnIncidentInOneBatchAreListedInOneTimelineEntry() {
        for (int i = 1; i <= 3; i++) {
            postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, with(CPU, "instance", "10.0.0." + i + ":9100"), "x"));
        }
        applyOnly();
        IncidentEntity incident = onlyIncident();
        List<TimelineEntryEntity> entries = timeline.findByIncidentIdOrderById(incident.getId());
        assertThat(entries).extracting(TimelineEntryEntity::getKind)
                .containsExactly(IncidentTimeline.OPENED, IncidentTimeline.ALERTS_ADDED);
        String detail = entries.get(1).getDetail();
        assertThat(detail).startsWith("3 alerts: ")
                .contains("instance=10.0.0.1:9100", "instance=10.0.0.2:9100", "instance=10.0.0.3:9100")
                .as("the group's own labels are the same for all").doesNotContain("alertname=");
        assertThat(alerts.findAll()).hasSize(3).allSatisfy(alert -> assertThat(detail).contains("fingerprint=" + alert.getFingerprint()));

        // One more in a later batch: its own entry, as before.
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), null, with(CPU, "instance", "10.0.0.4:9100"), "x"));
        applyOnly();
        assertThat(timelineKinds(incident.getId())).endsWith(IncidentTimeline.ALERTS_ADDED, IncidentTimeline.ALERT_ADDED);
    }

    @Test
    void anIdleEngineTickDoesNotWaitForTheInboxLock() throws Exception {
        postAlertmanager(Payloads.alertmanager("firing", clock.instant(), clock.instant().plus(Duration.ofHours(1)), CPU, "x"));
        tick();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Another instance applying its batch holds the lock.
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            jdbc.queryForList("select name from hub_locks where name = 'inbox' for update");
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(CompletableFuture.supplyAsync(engine::applyInbox).get(3, TimeUnit.SECONDS))
                    .as("nothing stored: no lock needed").isZero();
            assertThat(CompletableFuture.supplyAsync(engine::expireDue).get(3, TimeUnit.SECONDS))
                    .as("nothing past its endsAt: no lock needed").isZero();
        } finally {
            release.countDown();
            other.get(30, TimeUnit.SECONDS);
        }
    }

    // --- helpers

    /** One turn of the engine loop (apply everything stored, expire what is past its endsAt) and of the dispatcher. */
    void tick() {
        applyOnly();
        engine.expireDue();
        dispatcher.flushDue();
        dispatcher.flushDue();
    }

    /** The engine alone, without the dispatcher's flush. */
    void applyOnly() {
        while (engine.applyInbox() > 0) {
            // drain
        }
    }

    IncidentEntity onlyIncident() {
        List<IncidentEntity> all = incidents.findAll();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    List<NotificationEntity> outbox() {
        return notifications.findAll();
    }

    List<String> kinds() {
        return outbox().stream().map(n -> n.getChannel() + ":" + n.getKind()).toList();
    }

    List<String> timelineKinds(String incidentId) {
        return timeline.findByIncidentIdOrderById(incidentId).stream().map(t -> t.getKind()).toList();
    }

    ResponseEntity<String> postAlertmanager(String body) {
        return exchange(HttpMethod.POST, "/api/v1/alerts/alertmanager", body);
    }

    ResponseEntity<String> exchange(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(BEARER);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(java.net.URI.create(http.getRootUri() + path), method, new HttpEntity<>(body, headers), String.class);
    }

    static Map<String, String> with(Map<String, String> labels, String key, String value) {
        java.util.Map<String, String> copy = new java.util.HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }
}
