package io.aiopshub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StrictJsonTest {

    @Test
    void acceptsPlainJsonIncludingRealSurrogatePairs() {
        assertThat(StrictJson.read("{\"a\":\"\\ud83d\\ude00 ok\",\"b\":[1,{\"c\":null}]}".getBytes(StandardCharsets.UTF_8))
                .path("a").textValue()).isEqualTo("\ud83d\ude00 ok");
        assertThat(StrictJson.read("{\"emoji\":\"😀\"}".getBytes(StandardCharsets.UTF_8)).path("emoji").textValue()).isEqualTo("😀");
    }

    /** Byte sequences Jackson's own decoder lets through (or guesses another encoding for). */
    @Test
    void refusesAnythingButStrictUtf8() {
        Map<String, byte[]> bodies = Map.of(
                "invalid byte", bytes("{\"a\":\"x", 0xff, "\"}"),
                "overlong /", bytes("{\"a\":\"", 0xc0, 0xaf, "\"}"),
                "overlong NUL", bytes("{\"a\":\"", 0xc0, 0x80, "\"}"),
                "encoded surrogate", bytes("{\"a\":\"", 0xed, 0xa0, 0x80, "\"}"),
                "truncated sequence", bytes("{\"a\":\"", 0xe2, 0x82, "\"}"),
                "UTF-16", "{\"a\":1}".getBytes(StandardCharsets.UTF_16),
                "byte order mark", bytes("", 0xef, 0xbb, 0xbf, "{}"));
        bodies.forEach((name, body) -> assertThatThrownBy(() -> StrictJson.read(body)).as(name)
                .isInstanceOfSatisfying(PayloadValidationException.class,
                        e -> assertThat(e.getProblems().get(0).field()).isEqualTo("$")));
    }

    @Test
    void refusesLooseJson() {
        for (String body : new String[] {"", " ", "{\"a\":1,\"a\":2}", "{} x", "{}{}", "[" .repeat(33) + "]".repeat(33),
                "{\"a\":NaN}", "{'a':1}", "/* c */ {}", "{\"a\":1" + "0".repeat(70) + "}"}) {
            assertThatThrownBy(() -> StrictJson.read(body.getBytes(StandardCharsets.UTF_8))).as(body)
                    .isInstanceOfSatisfying(PayloadValidationException.class,
                            e -> assertThat(e.getProblems().get(0).field()).isEqualTo("$"));
        }
        assertThat(StrictJson.read(("[".repeat(32) + "]".repeat(32)).getBytes(StandardCharsets.UTF_8)).isArray()).isTrue();
    }

    @Test
    void unpairedSurrogateEscapesAreNamedByTheirPath() {
        assertThat(field("{\"alerts\":[{\"labels\":{\"a\":\"\\ud800\"}}]}")).isEqualTo("alerts[0].labels.a");
        assertThat(field("[{\"m\":\"ok\"},{\"m\":\"x\\udc00\"}]")).isEqualTo("[1].m");
        assertThat(field("{\"a\":\"\\ude00\\ud83d\"}")).as("pair in the wrong order").isEqualTo("a");
        assertThat(field("{\"o\":{\"k\\ud800\":1}}")).as("a bad name is named by its parent").isEqualTo("o");
        assertThat(field("\"\\ud800\"")).isEqualTo("$");
    }

    private static String field(String body) {
        try {
            StrictJson.read(body.getBytes(StandardCharsets.UTF_8));
        } catch (PayloadValidationException e) {
            return e.getProblems().get(0).field();
        }
        throw new AssertionError("accepted " + body);
    }

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }
}
