package io.aiopshub.chat.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiopshub.incident.SilenceService.MatcherView;

/** Every command of the chat command set, and a precise message for each kind of bad input. */
class CommandParserTest {

    private static final String ID = "0f8e2c1a-5b6d-4e7f-8a9b-0c1d2e3f4a5b";

    private final CommandParser parser = new CommandParser(CommandLimits.defaults());

    private ChatCommand parse(String text) {
        return parser.parse(text);
    }

    private String refusal(String text) {
        try {
            parser.parse(text);
        } catch (ChatCommandException e) {
            return e.getMessage();
        }
        throw new AssertionError("'" + text + "' was accepted");
    }

    @Test
    void helpAndEmptyText() {
        assertThat(parse("")).isEqualTo(new ChatCommand.Help(null));
        assertThat(parse("   ")).isEqualTo(new ChatCommand.Help(null));
        assertThat(parse(null)).isEqualTo(new ChatCommand.Help(null));
        assertThat(parse("help")).isEqualTo(new ChatCommand.Help(null));
        assertThat(parse("HELP Silence")).isEqualTo(new ChatCommand.Help(Verb.SILENCE));
        assertThat(refusal("help frobnicate")).isEqualTo("help: there is no command 'frobnicate'; send help for the list");
        assertThat(refusal("help ack now")).startsWith("help: unexpected 'now'\nusage: help [command]");
    }

    @Test
    void status() {
        assertThat(parse("status")).isEqualTo(new ChatCommand.Status());
        assertThat(parse("Status")).isEqualTo(new ChatCommand.Status());
        assertThat(refusal("status now")).isEqualTo("status: unexpected 'now'\nusage: status");
    }

    @Test
    void incidentsWithoutFilterByServiceOrBySeverity() {
        assertThat(parse("incidents")).isEqualTo(new ChatCommand.Incidents(null, null));
        assertThat(parse("incidents checkout")).isEqualTo(new ChatCommand.Incidents("checkout", null));
        assertThat(parse("incidents \"payment gateway\"")).isEqualTo(new ChatCommand.Incidents("payment gateway", null));
        assertThat(parse("incidents Critical")).isEqualTo(new ChatCommand.Incidents(null, "critical"));
        assertThat(parse("incidents warning")).isEqualTo(new ChatCommand.Incidents(null, "warning"));
        assertThat(refusal("incidents api critical")).startsWith(
                "incidents: give at most one filter: a service or a severity (critical, high, warning, info)");
        assertThat(refusal("incidents " + "s".repeat(257))).startsWith("incidents: 'sss").contains("is not a service name");
    }

    @Test
    void incidentAckAndTheirIds() {
        assertThat(parse("incident " + ID)).isEqualTo(new ChatCommand.ShowIncident(ID));
        assertThat(parse("incident 0F8E2C1A")).isEqualTo(new ChatCommand.ShowIncident("0f8e2c1a"));
        assertThat(refusal("incident")).isEqualTo("incident: give the incident id\nusage: incident <id>");
        assertThat(refusal("incident 0f8e")).startsWith(
                "incident: '0f8e' is not an incident id (the id, or at least its first 6 characters)");
        assertThat(refusal("incident zz8e2c1a")).startsWith("incident: 'zz8e2c1a' is not an incident id");
        assertThat(refusal("incident " + ID + " extra")).startsWith("incident: unexpected 'extra'");

        assertThat(parse("ack 0f8e2c1a")).isEqualTo(new ChatCommand.Ack("0f8e2c1a", null));
        assertThat(parse("ack 0f8e2c1a  looking into it, \"disk\" 50%"))
                .isEqualTo(new ChatCommand.Ack("0f8e2c1a", "looking into it, \"disk\" 50%"));
        assertThat(refusal("ack")).isEqualTo("ack: give the incident id\nusage: ack <id> [comment]");
        assertThat(refusal("ack 0f8e2c1a " + "x".repeat(2001))).isEqualTo("ack: the comment is longer than 2000 characters");
    }

    @Test
    void silenceWithMatchersDurationAndComment() {
        ChatCommand.Silence silence = (ChatCommand.Silence) parse("silence service=\"api\",alertname=~\"Disk.*\" 2h disk swap");
        assertThat(silence.matchers()).containsExactly(new MatcherView("service", "=", "api"),
                new MatcherView("alertname", "=~", "Disk.*"));
        assertThat(silence.duration()).isEqualTo(Duration.ofHours(2));
        assertThat(silence.comment()).isEqualTo("disk swap");

        // Spaces after commas, Alertmanager braces, unquoted values, quoted spaces, typographic quotes.
        assertThat(((ChatCommand.Silence) parse("silence {service=\"api\", env!=prod} 30m")).matchers())
                .containsExactly(new MatcherView("service", "=", "api"), new MatcherView("env", "!=", "prod"));
        ChatCommand.Silence spaced = (ChatCommand.Silence) parse("silence alertname=\"Disk full\" 1h30m");
        assertThat(spaced.matchers()).containsExactly(new MatcherView("alertname", "=", "Disk full"));
        assertThat(spaced.duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(spaced.comment()).isNull();
        assertThat(((ChatCommand.Silence) parse("silence service=\u201Capi\u201D 1d")).matchers())
                .containsExactly(new MatcherView("service", "=", "api"));
        assertThat(((ChatCommand.Silence) parse("silence job!~\"a,b\" service=\"x\" 5m")).matchers())
                .containsExactly(new MatcherView("job", "!~", "a,b"), new MatcherView("service", "=", "x"));
    }

    @Test
    void silenceRefusalsSayWhatWasWrong() {
        assertThat(refusal("silence service=\"api\" 2x")).isEqualTo("silence: duration '2x' is not a duration like 30m or 2h");
        assertThat(refusal("silence service=\"api\"")).isEqualTo(
                "silence: give a duration after the matchers, e.g. 2h\nusage: silence <matchers> <duration> [comment]");
        assertThat(refusal("silence")).startsWith("silence: give matchers and a duration\nusage:");
        assertThat(refusal("silence api 2h")).startsWith("silence: 'api' is not a matcher like service=\"api\"");
        assertThat(refusal("silence service=\"api\" 0")).isEqualTo("silence: duration must be longer than 0");
        assertThat(refusal("silence service=\"api\" 400d")).isEqualTo("silence: duration '400d' is longer than the limit of 365d");
        assertThat(refusal("silence service=~\"(\" 2h")).startsWith("silence: matcher for 'service' has an invalid regex");
        assertThat(refusal("silence 1service=\"x\" 2h")).startsWith("silence: '1service=\"x\"' is not a matcher such as");
        assertThat(refusal("silence service=~\".*\" 2h")).isEqualTo("silence: at least one matcher must not match the empty string");
        assertThat(refusal("silence service=\"api 2h")).startsWith("silence: a quote (\") in 'service=\"api 2h' is not closed");
        assertThat(refusal("silence service=\"" + "v".repeat(1025) + "\" 2h"))
                .isEqualTo("silence: the matcher for 'service' is longer than 1024 characters");
        StringBuilder many = new StringBuilder("silence ");
        for (int i = 0; i < 65; i++) {
            many.append(i == 0 ? "" : ",").append("l").append(i).append("=\"v\"");
        }
        assertThat(refusal(many + " 1h")).isEqualTo("silence: 65 matchers; at most 64 are allowed");
    }

    @Test
    void unsilence() {
        assertThat(parse("unsilence " + ID)).isEqualTo(new ChatCommand.Unsilence(ID));
        assertThat(refusal("unsilence")).isEqualTo("unsilence: give the silence id\nusage: unsilence <id>");
        assertThat(refusal("unsilence all")).startsWith("unsilence: 'all' is not a silence id");
    }

    @Test
    void analyzeWithDefaultAndGivenWindow() {
        assertThat(parse("analyze checkout")).isEqualTo(new ChatCommand.Analyze("checkout", Duration.ofHours(1)));
        assertThat(parse("analyze checkout 30m")).isEqualTo(new ChatCommand.Analyze("checkout", Duration.ofMinutes(30)));
        assertThat(refusal("analyze")).isEqualTo("analyze: give a service\nusage: analyze <service> [window]");
        assertThat(refusal("analyze checkout 2x")).isEqualTo("analyze: window '2x' is not a duration like 30m or 2h");
        assertThat(refusal("analyze checkout 8d")).isEqualTo("analyze: window '8d' is longer than the limit of 7d");
        assertThat(refusal("analyze checkout 1h more")).startsWith("analyze: unexpected 'more'");
    }

    @Test
    void runnerCommands() {
        assertThat(parse("actions 0f8e2c1a")).isEqualTo(new ChatCommand.Actions("0f8e2c1a"));
        assertThat(refusal("actions")).isEqualTo("actions: give the incident id\nusage: actions <incident>");

        ChatCommand.Run run = (ChatCommand.Run) parse("run restart_service host=web-01 unit=\"nginx service\" reason=a=b");
        assertThat(run.action()).isEqualTo("restart_service");
        assertThat(run.parameters()).containsExactly(Map.entry("host", "web-01"), Map.entry("unit", "nginx service"),
                Map.entry("reason", "a=b"));
        assertThat(parse("run snapshot")).isEqualTo(new ChatCommand.Run("snapshot", Map.of()));
        assertThat(refusal("run")).startsWith("run: give the action, e.g. run restart_service host=web-01");
        assertThat(refusal("run Restart")).startsWith("run: 'Restart' is not an action id (lower case letters, digits and _)");
        assertThat(refusal("run restart_service web-01")).startsWith("run: 'web-01' is not key=value");
        assertThat(refusal("run restart_service =x")).startsWith("run: '=x' is not key=value");
        assertThat(refusal("run restart_service host=a host=b")).isEqualTo("run: parameter 'host' is given twice");

        assertThat(parse("approve 0f8e2c1a")).isEqualTo(new ChatCommand.Approve("0f8e2c1a"));
        assertThat(refusal("approve")).isEqualTo("approve: give the run id\nusage: approve <run>");
        assertThat(parse("reject 0f8e2c1a wrong host")).isEqualTo(new ChatCommand.Reject("0f8e2c1a", "wrong host"));
        assertThat(parse("reject 0f8e2c1a")).isEqualTo(new ChatCommand.Reject("0f8e2c1a", null));
        assertThat(refusal("reject x")).startsWith("reject: 'x' is not a run id");
    }

    @Test
    void runbookSearch() {
        assertThat(parse("runbook disk full on /var")).isEqualTo(new ChatCommand.Runbook("disk full on /var"));
        assertThat(refusal("runbook")).startsWith("runbook: give some words to look for");
        assertThat(refusal("runbook " + "w".repeat(501))).isEqualTo("runbook: give at most 500 characters to look for");
    }

    @Test
    void anythingElseIsAQuestionAndOverlongTextIsRefused() {
        assertThat(parse("what's wrong with checkout?")).isEqualTo(new ChatCommand.Question("what's wrong with checkout?"));
        assertThat(refusal("x".repeat(4001))).isEqualTo("the message is longer than 4000 characters");
    }

    @Test
    void echoedInputIsShortAndOnOneLine() {
        assertThat(refusal("incident " + "a".repeat(30) + "\u0007" + "b".repeat(30)))
                .startsWith("incident: '" + "a".repeat(30) + "?" + "b".repeat(9) + "…' is not an incident id");
        assertThat(List.of(Verb.values())).allSatisfy(verb -> assertThat(verb.usage()).startsWith(verb.word()));
    }
}
