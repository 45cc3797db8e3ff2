package io.aiopshub.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

class LabelMatcherTest {

    private final Map<String, String> labels = Map.of("service", "api-gateway", "severity", "critical");

    @Test
    void operatorsBehaveAsInAlertmanager() {
        assertThat(LabelMatcher.parse("severity=\"critical\"").matches(labels)).isTrue();
        assertThat(LabelMatcher.parse("severity!=\"critical\"").matches(labels)).isFalse();
        assertThat(LabelMatcher.parse("service=~\"api.*\"").matches(labels)).isTrue();
        assertThat(LabelMatcher.parse("service=~\"api\"").matches(labels)).as("regex is anchored").isFalse();
        assertThat(LabelMatcher.parse("service!~\"web|db\"").matches(labels)).isTrue();
    }

    @Test
    void missingLabelMatchesAsEmptyString() {
        assertThat(LabelMatcher.parse("team=\"\"").matches(labels)).isTrue();
        assertThat(LabelMatcher.parse("team!=\"\"").matches(labels)).isFalse();
        assertThat(LabelMatcher.parse("team=~\".*\"").matches(labels)).isTrue();
    }

    @Test
    void quotedValuesMayContainEscapesAndUnquotedValuesAreAccepted() {
        assertThat(LabelMatcher.parse("msg=\"say \\\"hi\\\"\"").value()).isEqualTo("say \"hi\"");
        assertThat(LabelMatcher.parse("severity=critical").matches(labels)).isTrue();
    }

    @Test
    void invalidMatchersAreRejectedWithAReason() {
        assertThatThrownBy(() -> LabelMatcher.parse("no operator")).hasMessageContaining("not a matcher");
        assertThatThrownBy(() -> LabelMatcher.parse("a=~\"(\"")).hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> LabelMatcher.of("1bad", LabelMatcher.Op.EQUAL, "x")).hasMessageContaining("label name");
        assertThatThrownBy(() -> LabelMatcher.Op.fromSymbol("==")).hasMessageContaining("unknown matcher operator");
    }

    @Test
    @Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
    void regexMatchersRunInLinearTime() {
        Map<String, String> victim = Map.of("service", "a".repeat(40));
        assertThat(LabelMatcher.parse("service=~\"((a+)*)+b\"").matches(victim)).isFalse();
        assertThat(LabelMatcher.parse("service!~\"((a+)*)+b\"").matches(victim)).isTrue();
    }

    @Test
    void matcherTextInConfigIsParsedWithoutRecursion() {
        String value = "x".repeat(100_000);
        assertThat(LabelMatcher.parse("msg=\"" + value + "\"").value()).isEqualTo(value);
    }
}
