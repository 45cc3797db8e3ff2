package io.aiopshub.remediation.proxmox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * One phase of a run on its way through the executor route: the calls planned for it, their answers, the task
 * they started, and the result once it is known (early when nothing is left to do or a step failed).
 *
 * @param run      the action's run map, filled in; null when the phase ended before it was read
 * @param snapshot the snapshot PREPARE takes or ROLLBACK returns to
 * @param answers  the {@code data} of each call, in order; null until the calls were made
 * @param task     the task the last call started; null when it started none
 * @param nextPoll how long to wait before the next poll of a running task
 */
public record ProxmoxJob(ExecutorRequest request, Instant deadline, ProxmoxRun run, String snapshot, List<ApiCall> calls,
                  List<JsonNode> answers, TaskState task, Duration nextPoll, ExecutorResult result) {

    public ProxmoxJob {
        calls = List.copyOf(calls);
        answers = answers == null ? null : List.copyOf(answers);
    }

    static ProxmoxJob finished(ExecutorRequest request, Instant deadline, ExecutorResult result) {
        return new ProxmoxJob(request, deadline, null, null, List.of(), null, null, Duration.ZERO, result);
    }

    static ProxmoxJob planned(ExecutorRequest request, Instant deadline, ProxmoxRun run, String snapshot, List<ApiCall> calls) {
        return new ProxmoxJob(request, deadline, run, snapshot, calls, null, null, Duration.ZERO, null);
    }

    ProxmoxJob answered(List<JsonNode> data, TaskState started) {
        return new ProxmoxJob(request, deadline, run, snapshot, calls, data, started, Duration.ZERO, null);
    }

    ProxmoxJob polled(TaskState state, Duration wait) {
        return new ProxmoxJob(request, deadline, run, snapshot, calls, answers, state, wait, null);
    }

    ProxmoxJob ended(ExecutorResult outcome) {
        return new ProxmoxJob(request, deadline, run, snapshot, calls, answers, task, Duration.ZERO, outcome);
    }

    /** The planned calls are still to be made (route: "call the API"). */
    public boolean isPending() {
        return result == null && answers == null;
    }

    /** A task was started and has not stopped yet (route: "poll the task"). */
    public boolean isAwaitingTask() {
        return result == null && task != null && !task.stopped();
    }

    /** Milliseconds the route waits before the next poll. */
    public long getPollDelayMillis() {
        return nextPoll.toMillis();
    }
}
