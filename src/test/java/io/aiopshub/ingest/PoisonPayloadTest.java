package io.aiopshub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values the database cannot hold are refused at the door, naming the field: labels that end up in
 * 256-character columns, the NUL character, and times outside years 1970 to 9999. Stored, each would
 * be an event the incident engine cannot apply, or a time silently turned into another one.
 */
class PoisonPayloadTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final String LONG = "x".repeat(257);

    private final AlertmanagerPayloadParser alertmanager = new AlertmanagerPayloadParser(CLOCK, 100);
    private final GenericEventParser events = new GenericEventParser(CLOCK, 100);
    private final LogPayloadParser logs = new LogPayloadParser(CLOCK, 100);

    @ParameterizedTest(name = "label {0}")
    @CsvSource({"alertname", "service", "job", "app", "namespace"})
    void labelsStoredInColumnsAreBoundedTo256Characters(String label) {
        assertThat(amProblem("{\"status\":\"firing\",\"labels\":{\"" + label + "\":\"" + LONG + "\"}}"))
                .isEqualTo("alerts[0].labels." + label);
        assertThat(eventProblem("{\"source\":\"cron\",\"labels\":{\"" + label + "\":\"" + LONG + "\"}}"))
                .isEqualTo("labels." + label);
        String fits = "x".repeat(256);
        assertThat(alertmanager.parse(body("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\""
                + label + "\":\"" + fits + "\"}}]}")).get(0).labels()).containsEntry(label, fits);
        assertThat(events.parse(body("{\"source\":\"cron\",\"labels\":{\"other\":\"" + "y".repeat(8000) + "\"}}")))
                .hasSize(1);
    }

    @Test
    void theNulCharacterIsRefusedInLabelsAnnotationsAndUrls() {
        assertThat(amProblem("{\"status\":\"firing\",\"labels\":{\"a\":\"b\\u0000c\"}}")).isEqualTo("alerts[0].labels.a");
        assertThat(amProblem("{\"status\":\"firing\",\"labels\":{\"a\":\"b\"},\"annotations\":{\"summary\":\"\\u0000\"}}"))
                .isEqualTo("alerts[0].annotations.summary");
        assertThat(amProblem("{\"status\":\"firing\",\"labels\":{\"a\":\"b\"},\"generatorURL\":\"http://x/\\u0000\"}"))
                .isEqualTo("alerts[0].generatorURL");
        assertThat(eventProblem("{\"source\":\"cron\",\"labels\":{\"a\":\"\\u0000\"}}")).isEqualTo("labels.a");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z", "0001-01-01T00:00:01Z"})
    void timesOutsideYears1970To9999AreRefused(String time) {
        assertThat(amProblem("{\"status\":\"firing\",\"labels\":{\"a\":\"b\"},\"startsAt\":\"" + time + "\"}"))
                .isEqualTo("alerts[0].startsAt");
        assertThat(amProblem("{\"status\":\"resolved\",\"labels\":{\"a\":\"b\"},\"startsAt\":\"1970-01-01T00:00:00Z\","
                + "\"endsAt\":\"" + time + "\"}")).isEqualTo("alerts[0].endsAt");
        assertThat(eventProblem("{\"source\":\"cron\",\"labels\":{\"a\":\"b\"},\"startsAt\":\"" + time + "\"}"))
                .isEqualTo("startsAt");
        assertThat(logProblem("{\"message\":\"m\",\"service\":\"s\",\"@timestamp\":\"" + time + "\"}"))
                .isEqualTo("[0].@timestamp");
    }

    @Test
    void goZeroTimeStillMeansNoEndAndTheBoundsThemselvesAreAccepted() {
        List<IncomingAlert> alerts = alertmanager.parse(body("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"a\":\"b\"},\"startsAt\":\"1970-01-01T00:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\"},"
                + "{\"status\":\"firing\",\"labels\":{\"a\":\"c\"},\"startsAt\":\"2026-01-01T00:00:00Z\","
                + "\"endsAt\":\"9999-12-31T23:59:59Z\"}]}"));
        assertThat(alerts.get(0).endsAt()).isNull();
        assertThat(alerts.get(0).startsAt()).isEqualTo(Instant.EPOCH);
        assertThat(alerts.get(1).endsAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void logLinesWithAServiceTooLongANulOrAnImpossibleTimeAreRejectedOneByOne() {
        LogPayloadParser.Parsed parsed = logs.parse(body("[{\"message\":\"m\",\"service\":\"" + LONG + "\"},"
                + "{\"message\":\"m\",\"service\":{\"name\":\"" + LONG + "\"}},"
                + "{\"message\":\"m\",\"kubernetes\":{\"labels\":{\"app\":\"" + LONG + "\"}}},"
                + "{\"message\":\"m\",\"container\":{\"name\":\"" + LONG + "\"}},"
                + "{\"message\":\"a\\u0000b\",\"service\":\"s\"},"
                + "{\"message\":\"m\",\"service\":\"s\\u0000\"},"
                + "{\"message\":\"m\",\"service\":\"s\",\"time\":1e300},"
                + "{\"message\":\"m\",\"service\":\"s\",\"time\":-1},"
                + "{\"message\":\"fine\",\"service\":\"" + "s".repeat(256) + "\",\"time\":1764000000}]"));
        assertThat(parsed.rejected()).extracting(LogPayloadParser.ItemProblem::field).containsExactly("service",
                "service.name", "kubernetes.labels.app", "container.name", "message", "service", "@timestamp", "@timestamp");
        assertThat(parsed.lines()).singleElement().satisfies(line -> {
            assertThat(line.service()).hasSize(256);
            assertThat(line.timestamp()).isEqualTo(Instant.ofEpochSecond(1_764_000_000));
        });
        assertThat(logProblem("{\"message\":\"m\",\"service\":\"" + LONG + "\"}")).isEqualTo("[0].service");
    }

    private String amProblem(String alert) {
        return problem(() -> alertmanager.parse(body("{\"version\":\"4\",\"alerts\":[" + alert + "]}")));
    }

    private String eventProblem(String event) {
        return problem(() -> events.parse(body(event)));
    }

    private String logProblem(String item) {
        return problem(() -> logs.parse(body(item)));
    }

    private static String problem(Runnable parse) {
        PayloadValidationException e = catchThrowableOfType(PayloadValidationException.class, parse::run);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getProblems().get(0).message()).isNotBlank();
        return e.getProblems().get(0).field();
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
