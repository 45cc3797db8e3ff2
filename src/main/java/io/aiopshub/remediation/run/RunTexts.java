package io.aiopshub.remediation.run;

import org.springframework.stereotype.Component;

import io.aiopshub.redact.Redactor;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * Executor texts as a run keeps them: redacted (the hub's one redaction policy) and cut to
 * {@code aiops.remediation.max-output-chars}, with a marker saying how much was cut.
 */
@Component
public class RunTexts {

    /** Summaries go on the timeline and in {@code state_reason}: one line, short. */
    static final int MAX_SUMMARY_CHARS = 500;

    private final Redactor redactor;
    private final int maxChars;

    public RunTexts(Redactor redactor, RunnerProperties properties) {
        this.redactor = redactor;
        this.maxChars = properties.getMaxOutputChars();
    }

    /** The summary, then the output: what the API shows as the dry run, output or rollback output. */
    public String of(ExecutorResult result) {
        String summary = result.summary() == null ? "" : result.summary();
        return keep(result.output().isEmpty() ? summary : summary + "\n\n" + result.output());
    }

    public String keep(String text) {
        return cut(redactor.redact(text == null ? "" : text), maxChars, "\n");
    }

    /** The executor's one-line summary, redacted, for the timeline. */
    public String summary(ExecutorResult result) {
        String summary = result.summary() == null || result.summary().isBlank() ? "(no summary)" : result.summary();
        return cut(redactor.redact(summary.replace('\n', ' ').replace('\r', ' ')), MAX_SUMMARY_CHARS, " ");
    }

    static String cut(String text, int max, String beforeMarker) {
        if (text.length() <= max) {
            return text;
        }
        // Room for the marker, so the result stays within max.
        int kept = Math.max(0, max - 48);
        return text.substring(0, kept) + beforeMarker + "[... " + (text.length() - kept) + " more characters cut]";
    }
}
