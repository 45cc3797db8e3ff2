package io.aiopshub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class LogLevelsTest {

    private static final Instant T = Instant.parse("2026-11-29T06:00:00Z");
    private final LogPayloadParser parser = new LogPayloadParser(Clock.fixed(T, ZoneOffset.UTC), 100);

    private static LogLine line(String level, String message) {
        return new LogLine("svc", level, message, T, "h1");
    }

    @Test
    void everyErrorSpellingOfALevelFieldCounts() {
        for (String level : List.of("error", "ERR", "panic", "fatal", "crit", "CRITICAL", "emerg", "emergency", "alert",
                "SEVERE", "E", "F")) {
            assertThat(line(level, "ordinary words").isError()).as(level).isTrue();
        }
        for (String level : List.of("info", "warn", "WARNING", "debug", "notice", "I", "W")) {
            // The level decides even when the text mentions a failure.
            assertThat(line(level, "retry after failed attempt").isError()).as(level).isFalse();
        }
    }

    @Test
    void withoutALevelFieldTheLevelInTheLineDecides() {
        assertThat(line(null, "ts=2026-11-29T06:00:00Z level=error msg=\"db down\"").isError()).isTrue();
        assertThat(line(null, "ts=2026-11-29T06:00:00Z level=info msg=\"retry after failed attempt\"").isError()).isFalse();
        assertThat(line(null, "{\"time\":\"2026-11-29T06:00:00Z\",\"level\":\"fatal\",\"msg\":\"out of memory\"}").isError())
                .isTrue();
        assertThat(line(null, "{\"severity\":\"INFO\",\"message\":\"0 errors\"}").isError()).isFalse();
        // syslog priority 11 = facility 1 (user), severity 3 (err); 14 = severity 6 (info)
        assertThat(line(null, "<11>Nov 29 06:00:00 web1 app[42]: disk write stalled").isError()).isTrue();
        assertThat(line(null, "<14>Nov 29 06:00:00 web1 app[42]: job failed over to standby as planned").isError()).isFalse();
        // klog / glog
        assertThat(line(null, "E1129 06:00:00.123456   42 controller.go:114] sync pod default/web").isError()).isTrue();
        assertThat(line(null, "F1129 06:00:00.123456   42 main.go:9] cannot start").isError()).isTrue();
        assertThat(line(null, "I1129 06:00:00.123456   42 controller.go:114] error budget fine").isError()).isFalse();
        // Python logging, Java logback/log4j, nginx
        assertThat(line(null, "ERROR:root:payment declined").isError()).isTrue();
        assertThat(line(null, "2026-11-29 06:00:00,123 - billing - CRITICAL - ledger mismatch").isError()).isTrue();
        assertThat(line(null, "2026-11-29 06:00:00.123 ERROR [main] c.e.Billing - charge rejected").isError()).isTrue();
        assertThat(line(null, "2026-11-29 06:00:00.123  INFO 1 --- [main] c.e.Billing : exception handler registered")
                .isError()).isFalse();
        assertThat(line(null, "2026/11/29 06:00:00 [crit] 12#0: *1 connect() to upstream").isError()).isTrue();
        assertThat(line(null, "2026/11/29 06:00:00 [notice] 12#0: signal process started").isError()).isFalse();
    }

    @Test
    void withoutAnyLevelAnErrorEventIsKnownByHowItStarts() {
        assertThat(line(null, "Exception in thread \"main\" java.lang.IllegalStateException: boom").isError()).isTrue();
        assertThat(line(null, "java.net.ConnectException: Connection refused").isError()).isTrue();
        assertThat(line(null, "Traceback (most recent call last):\n  File \"app.py\", line 3").isError()).isTrue();
        assertThat(line(null, "panic: runtime error: index out of range [3] with length 3").isError()).isTrue();
        assertThat(line(null, "user 17 logged in").isError()).isFalse();
    }

    @Test
    void aJavaStackTraceSentLineByLineIsFoldedIntoOneErrorEvent() {
        LogPayloadParser.Parsed parsed = parser.parse("""
                [{"message":"2026-11-29 06:00:00.123 WARN [main] c.e.Billing - slow charge","service":"billing"},
                 {"message":"java.lang.IllegalStateException: ledger closed","service":"billing"},
                 {"message":"\\tat com.example.Ledger.post(Ledger.java:42)","service":"billing"},
                 {"message":"\\tat com.example.Billing.charge(Billing.java:17)","service":"billing"},
                 {"message":"Caused by: java.io.IOException: disk full","service":"billing"},
                 {"message":"\\t... 12 more","service":"billing"},
                 {"message":"\\tat somewhere.Else(Else.java:1)","service":"other"},
                 {"message":"charge 18 done","service":"billing"}]""".getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.lines()).extracting(LogLine::message).containsExactly(
                "2026-11-29 06:00:00.123 WARN [main] c.e.Billing - slow charge",
                "java.lang.IllegalStateException: ledger closed\n\tat com.example.Ledger.post(Ledger.java:42)\n"
                        + "\tat com.example.Billing.charge(Billing.java:17)\nCaused by: java.io.IOException: disk full\n"
                        + "\t... 12 more",
                "\tat somewhere.Else(Else.java:1)",
                "charge 18 done");
        assertThat(parsed.lines()).extracting(LogLine::isError).containsExactly(false, true, false, false);
    }

    @Test
    void aPythonTracebackIsFoldedUpToItsExceptionLine() {
        LogPayloadParser.Parsed parsed = parser.parse("""
                [{"message":"Traceback (most recent call last):","service":"api"},
                 {"message":"  File \\"/app/main.py\\", line 8, in handler","service":"api"},
                 {"message":"    return 1 / 0","service":"api"},
                 {"message":"ZeroDivisionError: division by zero","service":"api"},
                 {"message":"INFO:werkzeug:GET /health 200","service":"api"}]""".getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.lines()).hasSize(2);
        assertThat(parsed.lines().get(0).message()).startsWith("Traceback").endsWith("ZeroDivisionError: division by zero");
        assertThat(parsed.lines()).extracting(LogLine::isError).containsExactly(true, false);
    }
}
