package io.aiopshub.remediation.executor;

import java.util.Map;

/**
 * What an executor route answers. The runner redacts and truncates {@code summary} and {@code output}
 * before it stores or shows them; executors must still never put their own credentials in them.
 *
 * @param succeeded whether the phase did what it should (for CHECK: whether the check holds). A timeout,
 *                  an unknown host key, an unreachable host or a failed task are {@code false}
 * @param summary   one line for the timeline: what happened, in words an operator understands
 * @param output    the full output (stdout and stderr, API answers, the dry-run diff)
 * @param state     facts later phases of the same run need (snapshot name, task UPID, host key fingerprint)
 */
public record ExecutorResult(boolean succeeded, String summary, String output, Map<String, String> state) {

    public ExecutorResult {
        output = output == null ? "" : output;
        state = state == null ? Map.of() : Map.copyOf(state);
    }

    public static ExecutorResult success(String summary, String output) {
        return new ExecutorResult(true, summary, output, Map.of());
    }

    public static ExecutorResult failure(String summary, String output) {
        return new ExecutorResult(false, summary, output, Map.of());
    }
}
