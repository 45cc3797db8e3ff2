package io.aiopshub.chat.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.aiopshub.api.ApiLimits;
import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatCommands;
import io.aiopshub.chat.ChatProperties;
import io.aiopshub.chat.ChatTest;
import io.aiopshub.chat.ChatUser;
import io.aiopshub.incident.SilenceService;
import io.aiopshub.redact.Redactor;
import io.aiopshub.support.RawHttp;

/**
 * Chat commands carried out on the real services and database (H2), on incidents that came in through the
 * ingest API and the incident engine: answers are what the data says, changes are made as the API makes
 * them, by operators only, and every answer is redacted and bounded.
 */
@ChatTest
class ChatCommandsTest {

    private static final ChatUser OPERATOR = new ChatUser("slack", ChatTest.OPERATOR);
    private static final ChatUser STRANGER = new ChatUser("slack", "USTRANGER");

    @LocalServerPort int port;
    @Autowired ChatCommands commands;
    @Autowired CommandExecutor executor;
    @Autowired Redactor redactor;
    @Autowired SilenceService silences;
    @Autowired JdbcTemplate jdbc;

    private String cpuIncident;
    private String diskIncident;

    @BeforeEach
    void incidents() throws Exception {
        ingest("{\"source\":\"chat-test\",\"severity\":\"critical\",\"labels\":{\"alertname\":\"ChatHighCPU\","
                + "\"service\":\"chat-api\"},\"annotations\":{\"summary\":\"CPU above 90%\"}}");
        ingest("{\"source\":\"chat-test\",\"severity\":\"warning\",\"labels\":{\"alertname\":\"ChatDiskFull\","
                + "\"service\":\"chat-db\"}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from incidents where service in ('chat-api', 'chat-db') and status = 'firing'", Long.class) == 2);
        cpuIncident = jdbc.queryForObject("select id from incidents where service = 'chat-api' and status = 'firing'", String.class);
        diskIncident = jdbc.queryForObject("select id from incidents where service = 'chat-db' and status = 'firing'", String.class);
    }

    private String answer(ChatUser user, String text) {
        return commands.answer(user, text).text();
    }

    @Test
    void incidentsListsOpenIncidentsFilteredByServiceOrSeverity() {
        String all = answer(STRANGER, "incidents");
        assertThat(all).startsWith("Open incidents: ").contains(Texts.shortId(cpuIncident) + " critical ")
                .contains(Texts.shortId(diskIncident) + " warning ").contains("service chat-api");

        String api = answer(STRANGER, "incidents chat-api");
        assertThat(api).startsWith("Open incidents of chat-api: 1\n").contains(Texts.shortId(cpuIncident))
                .doesNotContain(Texts.shortId(diskIncident));
        String warnings = answer(STRANGER, "incidents warning");
        assertThat(warnings).startsWith("Open incidents with severity warning:").contains(Texts.shortId(diskIncident))
                .doesNotContain(Texts.shortId(cpuIncident));
        assertThat(answer(STRANGER, "incidents no-such-service")).isEqualTo("No open incidents of no-such-service.");
    }

    @Test
    void incidentShowsTheIncidentItsAnalysisAndTimelineByShortId() {
        String latestKind = jdbc.queryForObject("select kind from timeline_entries where incident_id = ? order by id desc "
                + "fetch first 1 rows only", String.class, cpuIncident);
        String shown = answer(STRANGER, "incident " + Texts.shortId(cpuIncident));
        assertThat(shown).startsWith("Incident " + cpuIncident + "\n").contains("firing, critical, service chat-api")
                .contains("Analysis: none yet.").contains("\nLatest timeline:\n• ").contains(" " + latestKind);
        assertThat(answer(STRANGER, "incident abcdef99")).isEqualTo("incident: no incident abcdef99");
    }

    @Test
    void anOperatorAcknowledgesAndEveryoneElseIsRefusedPolitely() {
        String refused = answer(STRANGER, "ack " + Texts.shortId(diskIncident) + " mine");
        assertThat(refused).isEqualTo("ack: sorry, slack:USTRANGER may not change anything from chat. "
                + "An admin can add this id to aiops.chat.operators.");
        // A Telegram operator's number is not a Slack member id.
        assertThat(answer(new ChatUser("slack", "42"), "ack " + Texts.shortId(diskIncident))).contains("may not change anything");
        assertThat(jdbc.queryForObject("select acked_by from incidents where id = ?", String.class, diskIncident)).isNull();

        ChatAnswer acked = commands.answer(OPERATOR, "ack " + Texts.shortId(diskIncident) + " swapping the disk");
        assertThat(acked.announce()).isTrue();
        assertThat(acked.text()).isEqualTo("Incident " + Texts.shortId(diskIncident)
                + " (ChatDiskFull) acknowledged by slack:UOPS1: swapping the disk");
        Map<String, Object> row = jdbc.queryForMap("select acked_by, ack_comment from incidents where id = ?", diskIncident);
        assertThat(row).containsEntry("ACKED_BY", "slack:UOPS1").containsEntry("ACK_COMMENT", "swapping the disk");
        assertThat(jdbc.queryForObject("select count(*) from timeline_entries where incident_id = ? and kind = 'acknowledged' "
                + "and actor = 'slack:UOPS1'", Long.class, diskIncident)).isEqualTo(1);
        assertThat(answer(STRANGER, "incidents chat-db")).contains("acked by slack:UOPS1");
    }

    @Test
    void silenceThenUnsilence() {
        long before = jdbc.queryForObject("select count(*) from silences", Long.class);
        assertThat(answer(STRANGER, "silence service=\"chat-db\" 2h")).startsWith("silence: sorry, slack:USTRANGER");
        assertThat(answer(OPERATOR, "silence service=\"chat-db\" 2x")).isEqualTo(
                "silence: duration '2x' is not a duration like 30m or 2h");
        assertThat(jdbc.queryForObject("select count(*) from silences", Long.class)).isEqualTo(before);

        Instant asked = Instant.now();
        ChatAnswer silenced = commands.answer(OPERATOR, "silence service=\"chat-db\",alertname=~\"Chat.*\" 2h disk swap");
        assertThat(silenced.announce()).isTrue();
        assertThat(silenced.text()).startsWith("Silenced service=\"chat-db\",alertname=~\"Chat.*\" for 2h (until ")
                .contains("by slack:UOPS1: disk swap");
        Map<String, Object> silence = jdbc.queryForMap("select id, created_by, comment, expired_at from silences "
                + "where comment = 'disk swap' and matchers_json like '%chat-db%'");
        String id = (String) silence.get("ID");
        assertThat(silence).containsEntry("CREATED_BY", "slack:UOPS1");
        assertThat(jdbc.queryForObject("select ends_at from silences where id = ?", Timestamp.class, id).toInstant())
                .isBetween(asked.plus(Duration.ofHours(2)).minusSeconds(5), Instant.now().plus(Duration.ofHours(2)));
        assertThat(silence.get("EXPIRED_AT")).isNull();
        assertThat(silenced.text()).contains("unsilence " + Texts.shortId(id) + " ends it.");

        // In force now, for the dispatcher as for the API.
        assertThat(silences.active(Instant.now())).anyMatch(active -> active.id().equals(id)
                && active.matches(Map.of("alertname", "ChatDiskFull", "service", "chat-db")));

        assertThat(answer(STRANGER, "unsilence " + Texts.shortId(id))).startsWith("unsilence: sorry");
        ChatAnswer ended = commands.answer(OPERATOR, "unsilence " + Texts.shortId(id));
        assertThat(ended.text()).isEqualTo("Silence " + Texts.shortId(id)
                + " (service=\"chat-db\",alertname=~\"Chat.*\") ended by slack:UOPS1.");
        assertThat(jdbc.queryForObject("select count(*) from silences where id = ? and expired_at is not null", Long.class, id))
                .isEqualTo(1);
        assertThat(silences.active(Instant.now())).noneMatch(active -> active.id().equals(id));
        assertThat(answer(OPERATOR, "unsilence " + id)).startsWith("Silence " + Texts.shortId(id) + " (")
                .contains("had already ended");
        assertThat(answer(OPERATOR, "unsilence abcdef99")).isEqualTo("unsilence: no silence abcdef99");
    }

    @Test
    void statusCountsOpenIncidentsBySeverity() {
        long critical = jdbc.queryForObject("select count(*) from incidents where status = 'firing' and severity = 'critical'", Long.class);
        long warning = jdbc.queryForObject("select count(*) from incidents where status = 'firing' and severity = 'warning'", Long.class);
        String status = answer(STRANGER, "status");
        assertThat(status).matches("(?s)Hub: (UP|DOWN|OUT_OF_SERVICE|DEGRADED)\n.*")
                .contains("\nOpen incidents: " + (critical + warning) + " (critical " + critical + ", high 0, warning "
                        + warning + ", info 0)")
                .contains("\nOpen breakers: 0").contains("\nPending approvals: 0");
    }

    @Test
    void runbooksAreSearchedAndServicesAnalysed() {
        assertThat(answer(STRANGER, "runbook disk full no space left")).startsWith("Runbook sections for disk full")
                .contains("(disk-full.md)");
        assertThat(answer(STRANGER, "analyze chat-api 1h")).startsWith("Analysis of chat-api over the last 1h (rule-based):");
    }

    @Test
    void runnerCommandsAnswerPreciselyAndChangeNothingOnBadInput() {
        long runs = jdbc.queryForObject("select count(*) from action_runs", Long.class);
        assertThat(answer(STRANGER, "actions " + Texts.shortId(cpuIncident))).startsWith(
                "No action runs for incident " + Texts.shortId(cpuIncident) + ".\nCatalog actions: ").contains("restart_service");
        assertThat(answer(STRANGER, "run restart_service host=web-01")).isEqualTo("run: sorry, slack:USTRANGER may not change "
                + "anything from chat. An admin can add this id to aiops.chat.operators.");
        assertThat(answer(OPERATOR, "run format_disk host=web-01")).startsWith("run: unknown action format_disk; the catalog has ");
        assertThat(answer(OPERATOR, "approve abcdef12")).isEqualTo("approve: no run abcdef12");
        assertThat(answer(STRANGER, "reject abcdef12 wrong host")).isEqualTo("reject: no run abcdef12");
        assertThat(jdbc.queryForObject("select count(*) from action_runs", Long.class)).isEqualTo(runs);
    }

    @Test
    void answersAreRedactedAndBounded() {
        String acked = answer(OPERATOR, "ack " + Texts.shortId(cpuIncident) + " rotated password=hunter2hunter2 now");
        assertThat(acked).doesNotContain("hunter2").contains("[REDACTED");

        assertThat(answer(STRANGER, "help")).isEqualTo(HelpText.of(null)).contains("• silence <matchers> <duration> [comment]");
        ChatProperties small = new ChatProperties();
        small.setMaxAnswerLength(300);
        ChatCommands bounded = new ChatCommands(new ApiLimits(), executor, redactor, small);
        assertThat(HelpText.of(null).length()).isGreaterThan(300);
        assertThat(bounded.answer(STRANGER, "help").text()).startsWith("Commands:\n• help [command]").hasSize(300)
                .endsWith("\n… (cut: the answer was too long)");
        assertThat(answer(STRANGER, "help silence")).startsWith("silence <matchers> <duration> [comment]\nmute matching alerts");
        assertThat(answer(STRANGER, "what's wrong with checkout?")).startsWith("No LLM is configured, so this answer "
                + "comes from the hub's own data by keywords.\n").contains("\nCommands that fit: incidents, status, ");
    }

    private void ingest(String event) throws Exception {
        RawHttp.Answer answer = new RawHttp(port).send("POST", "/api/v1/events",
                Map.of("Authorization", "Bearer " + ChatTest.API_TOKEN, "Content-Type", "application/json"),
                event.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }
}
