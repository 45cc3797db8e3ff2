package io.aiopshub.remediation.run;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * Route {@code remediation-executor-call}: which executor route a request goes to, and its answer as an
 * {@link ExecutorResult} whatever happened. Executors answer expected failures themselves; an exception or
 * an answer of the wrong type is a failure of the phase too, never a reason for a run to hang in its state.
 */
@Component("executorCalls")
public class ExecutorCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorCalls.class);

    /** {@code ssh} for {@code direct:executor-ssh}. */
    public String executorOf(ExecutorRequest request) {
        return request.action().executor().id();
    }

    public ExecutorResult answer(@ExchangeProperty("executorRequest") ExecutorRequest request, Object body) {
        if (body instanceof ExecutorResult result) {
            return result;
        }
        LOG.error("Executor {} answered {} to {} of run {}", executorOf(request),
                body == null ? "nothing" : body.getClass().getName(), request.phase(), request.runId());
        return ExecutorResult.failure("executor " + executorOf(request) + " gave no result for " + request.phase(), "");
    }

    public ExecutorResult failed(@ExchangeProperty("executorRequest") ExecutorRequest request, Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Executor {} failed on {} of run {}", executorOf(request), request.phase(), request.runId(), e);
        return ExecutorResult.failure("executor " + executorOf(request) + " failed on " + request.phase() + ": "
                + (e == null ? "unknown error" : e.getClass().getSimpleName() + ": " + e.getMessage()), "");
    }
}
