package io.aiopshub.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.aiopshub.redact.Redactor;
import io.aiopshub.remediation.executor.ExecutorResult;

/** What a run keeps of an executor's answer: redacted, then cut to aiops.remediation.max-output-chars. */
class RunTextsTest {

    private final RunnerProperties properties = new RunnerProperties();

    @Test
    void secretsInTheOutputAreRedactedBeforeAnythingIsKept() {
        RunTexts texts = new RunTexts(new Redactor(), properties);
        ExecutorResult result = ExecutorResult.failure("login as deploy with password=hunter2 failed",
                "db_password=correct horse\nAuthorization: Bearer abcdef0123456789abcdef");

        assertThat(texts.of(result)).doesNotContain("hunter2").doesNotContain("correct horse")
                .doesNotContain("abcdef0123456789abcdef").contains("[REDACTED:password]");
        assertThat(texts.summary(result)).doesNotContain("hunter2").startsWith("login as deploy with password=[REDACTED");
    }

    @Test
    void longOutputIsCutToTheLimitSayingHowMuchWasCut() {
        properties.setMaxOutputChars(200);
        RunTexts texts = new RunTexts(new Redactor(), properties);

        String kept = texts.keep("x".repeat(1000));
        assertThat(kept).hasSizeLessThanOrEqualTo(200).endsWith("[... 848 more characters cut]").startsWith("x".repeat(152));
        assertThat(texts.keep("short")).isEqualTo("short");
        assertThat(texts.summary(ExecutorResult.success("a\nb".repeat(400), ""))).hasSizeLessThanOrEqualTo(RunTexts.MAX_SUMMARY_CHARS)
                .doesNotContain("\n");
    }
}
