package io.aiopshub.chat.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.chat.ChatCommands;
import io.aiopshub.chat.ChatTest;
import io.aiopshub.chat.ChatUser;
import io.aiopshub.chat.command.Texts;
import io.aiopshub.rca.IncidentAnalysisService;
import io.aiopshub.support.RawHttp;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Questions without an LLM (none configured): answered from the hub's own data by keywords, on incidents that
 * came in through the ingest API and the incident engine and were analysed by the rule-based analyst.
 */
@ChatTest
class QuestionsByKeywordsTest {

    private static final ChatUser ASKER = new ChatUser("telegram", "777");
    private static final String PREFIX = "No LLM is configured, so this answer comes from the hub's own data by keywords.\n";

    @LocalServerPort int port;
    @Autowired ChatCommands commands;
    @Autowired JdbcTemplate jdbc;
    @Autowired IncidentAnalysisService analyses;
    @Autowired MeterRegistry meters;
    private final ObjectMapper json = new ObjectMapper();

    private String checkout;
    private String database;

    @BeforeEach
    void incidents() throws Exception {
        if (jdbc.queryForObject("select count(*) from incidents where service in ('kw-checkout', 'kw-db-1')", Long.class) < 2) {
            ingest("{\"source\":\"kw\",\"severity\":\"critical\",\"labels\":{\"alertname\":\"KwCheckoutErrors\","
                    + "\"service\":\"kw-checkout\"},\"annotations\":{\"summary\":\"5xx above 20%\"}}");
            ingest("{\"source\":\"kw\",\"severity\":\"warning\",\"labels\":{\"alertname\":\"KwReplicationLag\","
                    + "\"service\":\"kw-db-1\"}}");
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from incidents "
                    + "where service in ('kw-checkout', 'kw-db-1') and status = 'firing'", Long.class) == 2);
        }
        checkout = jdbc.queryForObject("select id from incidents where service = 'kw-checkout'", String.class);
        database = jdbc.queryForObject("select id from incidents where service = 'kw-db-1'", String.class);
    }

    @Test
    void whyAboutAServiceListsItsOpenIncidentsWithTheLatestAnalysisAndRootCause() throws Exception {
        assertThat(analyses.analyzeNow(checkout)).isTrue();
        JsonNode analysis = json.readTree(jdbc.queryForObject("select result_json from incident_analyses where incident_id = ? "
                + "order by id desc fetch first 1 rows only", String.class, checkout));
        double before = meters.counter("aiops.chat.questions", "answered_by", "keywords").count();

        String answer = commands.answer(ASKER, "why is kw-checkout failing?").text();

        assertThat(answer).isEqualTo(PREFIX + "Open incidents of kw-checkout:\n• " + Texts.shortId(checkout)
                + " critical KwCheckoutErrors: 5xx above 20% (since " + Texts.time(createdAt(checkout)) + ")"
                + "\n  analysis: " + Texts.line(analysis.path("summary").asText(), 200)
                + "\n  root cause: " + Texts.line(analysis.path("root_cause").asText(), 200)
                + "\nCommands that fit: incidents kw-checkout, analyze kw-checkout, incident " + Texts.shortId(checkout)
                + ", runbook kw-checkout, help");
        assertThat(meters.counter("aiops.chat.questions", "answered_by", "keywords").count()).isEqualTo(before + 1);
    }

    @Test
    void isItSafeToRestartListsTheServicesIncidentsTheFittingActionsAndTheCommands() {
        String answer = commands.answer(ASKER, "is it safe to restart kw-db-1?").text();

        assertThat(answer).startsWith(PREFIX + "Open incidents of kw-db-1:\n• " + Texts.shortId(database) + " warning KwReplicationLag")
                .contains("\n  analysis: none yet\n")
                .contains("\nCatalog actions that may fit (each run needs approval unless the policy says otherwise):"
                        + "\n• restart_service (risk medium): ")
                .contains("\n• restart_service_ssh (risk medium): ")
                .contains("\nWhether it is safe is for a person to judge: ")
                .endsWith("Commands that fit: incidents kw-db-1, analyze kw-db-1, incident " + Texts.shortId(database)
                        + ", actions " + Texts.shortId(database) + ", run <action> key=value…, help");
        assertThat(answer).doesNotContain("KwCheckoutErrors");
    }

    @Test
    void aGeneralQuestionListsTheOpenIncidentsNewestFirst() {
        String answer = commands.answer(ASKER, "what's going on?").text();

        assertThat(answer).startsWith(PREFIX + "Open incidents, newest first:\n• ").contains(Texts.shortId(database)
                + " warning KwReplicationLag").contains(Texts.shortId(checkout) + " critical KwCheckoutErrors")
                .endsWith("Commands that fit: incidents, status, incident "
                        + Texts.shortId(jdbc.queryForObject("select id from incidents where status = 'firing' "
                                + "order by created_at desc fetch first 1 rows only", String.class)) + ", help");
        assertThat(commands.answer(ASKER, "anything muted right now?").text()).startsWith(PREFIX)
                .endsWith(", silence <matchers> <duration> [comment], help");
    }

    private java.time.Instant createdAt(String id) {
        return jdbc.queryForObject("select created_at from incidents where id = ?", java.sql.Timestamp.class, id).toInstant();
    }

    private void ingest(String event) throws Exception {
        RawHttp.Answer answer = new RawHttp(port).send("POST", "/api/v1/events",
                Map.of("Authorization", "Bearer " + ChatTest.API_TOKEN, "Content-Type", "application/json"),
                event.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }
}
