package io.aiopshub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

class PayloadReaderTest {

    /** The grammar as Prometheus writes it; the hand-written check must accept exactly these names. */
    private static final Pattern PROMETHEUS_LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    @Test
    void labelNamesAreExactlyPrometheusGrammar() {
        String alphabet = "aZz_09/:-. \u00e9\u0663\uff10\u0000";
        assertThat(PayloadReader.isLabelName("")).isFalse();
        for (char a : alphabet.toCharArray()) {
            check(String.valueOf(a));
            for (char b : alphabet.toCharArray()) {
                check("" + a + b);
                check("x" + a + b);
            }
        }
        for (char c = 0; c < 0x2000; c++) {
            check(String.valueOf(c));
            check("a" + c);
        }
    }

    @Test
    void aBatchSharingTimestampsReadsEachAsOftenAsItIsAsked() {
        PayloadReader reader = new PayloadReader();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        assertThat(reader.timestamp(nodes.textNode("2026-11-29T06:00:00Z"), "a")).hasToString("2026-11-29T06:00:00Z");
        assertThat(reader.timestamp(nodes.textNode("2026-11-29T06:00:00Z"), "b")).hasToString("2026-11-29T06:00:00Z");
        assertThat(reader.timestamp(nodes.textNode("0001-01-01T00:00:00Z"), "c")).isNull();
        assertThat(reader.timestamp(nodes.textNode("0001-01-01T00:00:00Z"), "d")).isNull();
        // A bad one is named every time it occurs, not only the first.
        reader.timestamp(nodes.textNode("yesterday"), "e");
        reader.timestamp(nodes.textNode("yesterday"), "f");
        reader.timestamp(nodes.textNode("+999999999-12-31T23:59:59Z"), "g");
        reader.timestamp(nodes.textNode("+999999999-12-31T23:59:59Z"), "h");
        assertThat(reader.problems).extracting(FieldProblem::field).containsExactly("e", "f", "g", "h");
    }

    private static void check(String name) {
        assertThat(PayloadReader.isLabelName(name)).as(name).isEqualTo(PROMETHEUS_LABEL_NAME.matcher(name).matches());
    }
}
