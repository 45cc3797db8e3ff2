package io.aiopshub.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {

    private final Redactor defaults = new Redactor(RedactionConfig.defaults());
    private final Redactor withIps = new Redactor(new RedactionConfig(true));

    static Stream<RedactionCorpus.Case> corpus() {
        return RedactionCorpus.load().stream();
    }

    private Redactor redactorFor(RedactionCorpus.Case c) {
        return c.maskIps() ? withIps : defaults;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void redactsCorpusLineToExpectedOutput(RedactionCorpus.Case c) {
        assertThat(redactorFor(c).redact(c.input())).isEqualTo(c.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void redactingTwiceEqualsRedactingOnce(RedactionCorpus.Case c) {
        Redactor redactor = redactorFor(c);
        String once = redactor.redact(c.input());
        assertThat(redactor.redact(once)).isEqualTo(once);
    }

    @Test
    void corpusHasEnoughSecretAndBenignLines() {
        List<RedactionCorpus.Case> cases = RedactionCorpus.load();
        assertThat(cases.stream().filter(c -> !c.benign()).count()).isGreaterThanOrEqualTo(50);
        assertThat(cases.stream().filter(RedactionCorpus.Case::benign).count()).isGreaterThanOrEqualTo(15);
        assertThat(cases.stream().map(RedactionCorpus.Case::id).distinct().count()).isEqualTo(cases.size());
    }

    @Test
    void ipAddressesAreKeptByDefault() {
        assertThat(defaults.redact("ping 192.168.1.10 and fe80::1 ok")).isEqualTo("ping 192.168.1.10 and fe80::1 ok");
    }

    @Test
    void extraPatternsAreMaskedAsCustom() {
        Redactor redactor = new Redactor(new RedactionConfig(false, List.of("TCK-[0-9]{6}")));
        assertThat(redactor.redact("customer ref TCK-123456 escalated")).isEqualTo("customer ref [REDACTED:custom] escalated");
    }

    @Test
    void extraPatternsRunInLinearTime() {
        Redactor redactor = new Redactor(new RedactionConfig(false, List.of("((a+)*)+b")));
        String text = "a".repeat(40) + " then " + "a".repeat(40);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> redactor.redact(text))).isEqualTo(text);
    }

    @Test
    void invalidExtraPatternIsRejectedAtConstruction() {
        assertThatThrownBy(() -> new Redactor(new RedactionConfig(false, List.of("([unclosed"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("([unclosed");
    }

    @Test
    void aSecretInAPrintedMapIsMaskedUpToTheNextEntryNotItsFirstSpace() {
        assertThat(defaults.redact("annotations {summary=login failed, db_password=correct horse, battery, team=db}"))
                .isEqualTo("annotations {summary=login failed, db_password=[REDACTED:password], team=db}");
        assertThat(defaults.redact("labels={alertname=X, api_token=a b c}\nnext line"))
                .isEqualTo("labels={alertname=X, api_token=[REDACTED:token]}\nnext line");
        assertThat(defaults.redact("password=two words outside a map")).isEqualTo("password=[REDACTED:password] words outside a map");
    }

    @Test
    void namedValuesAreMaskedWholeWhenTheNameIsSecretAndRedactedAsTextOtherwise() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("service", "checkout");
        labels.put("db_password", "correct horse battery");
        labels.put("description", "login failed, Authorization: Bearer s3cr3tBearerToken0123456789");
        labels.put("token_ttl", "300");
        labels.put("api_key", "${API_KEY}");
        assertThat(defaults.redactValues(labels)).containsExactly(
                Map.entry("service", "checkout"),
                Map.entry("db_password", "[REDACTED:password]"),
                Map.entry("description", "login failed, Authorization: Bearer [REDACTED:token]"),
                Map.entry("token_ttl", "300"),
                Map.entry("api_key", "${API_KEY}"));
        assertThat(defaults.redactValue("db_password", "[REDACTED:password]")).isEqualTo("[REDACTED:password]");
        assertThat(defaults.redactValues(null)).isNull();
    }

    @Test
    void emailAddressesCanBeKept() {
        Redactor keepEmails = new Redactor(new RedactionConfig(false, false, List.of()));
        assertThat(keepEmails.redact("acked by alice@example.org password=x1")).isEqualTo("acked by alice@example.org password=[REDACTED:password]");
        assertThat(defaults.redact("acked by alice@example.org")).isEqualTo("acked by [REDACTED:email]");
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertThat(defaults.redact(null)).isNull();
        assertThat(defaults.redact("")).isEmpty();
    }

    @Test
    void pathologicalInputsFinishQuickly() {
        String longDigits = "4".repeat(20_000);
        String colons = "a1:".repeat(20_000);
        String keys = "password_password_".repeat(5_000) + "=";
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + "QUJD".repeat(50_000);
        Redactor redactor = withIps;
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            redactor.redact(longDigits);
            redactor.redact(colons);
            redactor.redact(keys);
            assertThat(redactor.redact(pem)).isEqualTo("[REDACTED:private_key]");
        });
    }

    @Test
    void longQuotedValuesAndPathologicalRepetitionsNeitherOverflowTheStackNorComeOutRaw() throws Exception {
        String json = "{\"token\": \"" + "ab\\\"".repeat(50_000) + "\"}";
        String domain = "mail bob@example" + ".cd".repeat(100_000) + " secret=s3cr3t";
        // A small stack, as logging and worker threads may have, so the test does not depend on -Xss.
        String[] out = new String[2];
        Thread worker = new Thread(null, () -> {
            out[0] = defaults.redact(json);
            out[1] = defaults.redact(domain);
        }, "small-stack", 256 * 1024);
        worker.start();
        worker.join();
        assertThat(out[0]).isEqualTo("{\"token\": \"[REDACTED:token]\"}");
        assertThat(out[1]).doesNotContain("s3cr3t").isIn("[REDACTED:unredactable_text]", "mail [REDACTED:email] secret=[REDACTED:secret]");
    }

    @Test
    void largeLogRedactsInReasonableTime() {
        String line = "2026-11-24T10:15:02.123Z INFO request_id=3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b "
                + "GET /api/v1/alerts 200 12ms from 10.0.0.5 user=alice\n";
        String log = line.repeat(5_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(withIps.redact(log)).contains("[REDACTED:ip]"));
    }
}
