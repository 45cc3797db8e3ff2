package io.aiopshub.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Slack's own worked example (api.slack.com, "Verifying requests from Slack"), and what must not match. */
class SlackSignatureTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
            .getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    @Test
    void slacksDocumentedExampleMatches() {
        assertThat(SlackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
        assertThat(SlackSignature.matches(SECRET, TIMESTAMP, BODY, EXPECTED)).isTrue();
    }

    @Test
    void anyChangeOfSecretTimestampBodyOrSignatureFails() {
        assertThat(SlackSignature.matches(SECRET + "x", TIMESTAMP, BODY, EXPECTED)).isFalse();
        assertThat(SlackSignature.matches(SECRET, "1531420619", BODY, EXPECTED)).isFalse();
        // The same form decoded and encoded again (%2F as /) is not what was signed.
        byte[] reencoded = new String(BODY, StandardCharsets.UTF_8).replace("%2F", "/").getBytes(StandardCharsets.UTF_8);
        assertThat(SlackSignature.matches(SECRET, TIMESTAMP, reencoded, EXPECTED)).isFalse();
        assertThat(SlackSignature.matches(SECRET, TIMESTAMP, BODY, EXPECTED.toUpperCase().replace("V0=", "v0="))).isFalse();
        assertThat(SlackSignature.matches(SECRET, TIMESTAMP, BODY, EXPECTED.substring(0, 66))).isFalse();
        assertThat(SlackSignature.matches(SECRET, TIMESTAMP, BODY, "")).isFalse();
    }
}
