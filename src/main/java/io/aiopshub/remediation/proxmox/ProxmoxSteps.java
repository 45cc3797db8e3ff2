package io.aiopshub.remediation.proxmox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * The stages of {@code routes/remediation-executor-proxmox.yaml}: build the request, call the API, poll the
 * task, read the result. Expected failures end the job with a failed result instead of an exception; whatever
 * leaves here has the token secret masked.
 */
@Component("proxmoxSteps")
public class ProxmoxSteps {

    private final ProxmoxApi api;
    private final Clock clock;

    public ProxmoxSteps(ProxmoxApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** Stage 1: the calls this phase needs, and the deadline ({@code request.timeout()} from now). */
    public ProxmoxJob build(ExecutorRequest request) {
        Duration timeout = request.timeout() != null ? request.timeout() : request.action().timeoutOrDefault();
        Instant deadline = clock.instant().plus(timeout);
        return ProxmoxPlanner.plan(request, deadline, api.configured() ? List.of() : api.missingSettings());
    }

    /** Stage 2: the planned calls in order; a POST's answer is the UPID of the task it started. */
    public ProxmoxJob call(ProxmoxJob job) {
        List<JsonNode> answers = new ArrayList<>();
        for (ApiCall call : job.calls()) {
            try {
                answers.add(api.call(call, job.deadline()));
            } catch (ProxmoxApiException e) {
                ProxmoxJob partial = job.answered(answers, null);
                String hint = "POST".equals(call.method()) && e.unanswered()
                        ? " (it may have started anyway: look at the task list of " + job.run().guest().node() + ")" : "";
                return partial.ended(ExecutorResult.failure(ProxmoxReader.what(job) + " failed: " + e.getMessage() + hint,
                        ProxmoxReader.output(partial)));
            }
        }
        ApiCall last = job.calls().get(job.calls().size() - 1);
        if (!"POST".equals(last.method())) {
            return job.answered(answers, null);
        }
        try {
            return job.answered(answers, TaskState.started(Upid.parse(answers.get(answers.size() - 1).asText(null))));
        } catch (IllegalArgumentException e) {
            ProxmoxJob answered = job.answered(answers, null);
            return answered.ended(ExecutorResult.failure(ProxmoxReader.what(job) + " failed: " + e.getMessage(),
                    ProxmoxReader.output(answered)));
        }
    }

    /** Stage 3, repeated by the route while the task runs: one look at the task on the node named in its UPID. */
    public ProxmoxJob poll(ProxmoxJob job) {
        TaskState task = job.task();
        JsonNode status;
        try {
            status = api.call(ApiCall.get(task.upid().statusPath()), job.deadline());
        } catch (ProxmoxApiException e) {
            if (!clock.instant().isBefore(job.deadline())) {
                return job.ended(timedOut(job));
            }
            return job.ended(ExecutorResult.failure(ProxmoxReader.what(job) + ": cannot follow task " + task.upid()
                    + " (" + e.getMessage() + "); it may still be running", ProxmoxReader.output(job)));
        }
        TaskState next = task.polled(status.path("status").asText(""), status.path("exitstatus").asText(null));
        Duration left = Duration.between(clock.instant(), job.deadline());
        if (next.stopped()) {
            return job.polled(next, Duration.ZERO);
        }
        if (left.isNegative() || left.isZero()) {
            return job.polled(next, Duration.ZERO).ended(timedOut(job.polled(next, Duration.ZERO)));
        }
        return job.polled(next, left.compareTo(api.pollInterval()) < 0 ? left : api.pollInterval());
    }

    private ExecutorResult timedOut(ProxmoxJob job) {
        return ExecutorResult.failure(ProxmoxReader.what(job) + " timed out: task " + job.task().upid()
                + " had not stopped within " + ProxmoxApi.human(job.request().timeout() != null ? job.request().timeout()
                : job.request().action().timeoutOrDefault()) + "; it was not cancelled and may still be running on "
                + job.task().upid().node(), ProxmoxReader.output(job));
    }

    /** Stage 4: the runner's answer. */
    public ExecutorResult read(ProxmoxJob job) {
        return masked(ProxmoxReader.read(job));
    }

    /** A bug or an unforeseen answer shape: still an answer, never an exception for the runner. */
    public ExecutorResult unexpected(@ExchangeProperty("aiopsExecutorRequest") Object request,
                                     @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception e) {
        String phase = request instanceof ExecutorRequest r ? " in " + r.phase() : "";
        return masked(ExecutorResult.failure("proxmox executor failed" + phase + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), ""));
    }

    private ExecutorResult masked(ExecutorResult result) {
        return new ExecutorResult(result.succeeded(), api.redact(result.summary()), api.redact(result.output()),
                result.state());
    }
}
