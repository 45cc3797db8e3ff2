package io.aiopshub.remediation.mikrotik;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * The route's catch: a failure while connecting or talking to the router becomes an answer with
 * {@code succeeded=false}, the runner never sees an exception. Messages of {@link RouterOsException} are
 * written for operators; anything else is a defect and says so.
 */
@Component
public class MikrotikFailures {

    private static final Logger log = LoggerFactory.getLogger(MikrotikFailures.class);

    public ExecutorResult failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception e,
                                 @ExchangeProperty(MikrotikPlanner.PLAN) MikrotikPlan plan,
                                 @ExchangeProperty(MikrotikSessions.SESSION) MikrotikSession session) {
        String summary = e instanceof RouterOsException ? e.getMessage()
                : "mikrotik executor error: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        String what = plan == null ? "request" : plan.describe();
        if (e instanceof RouterOsException) {
            log.warn("mikrotik {} failed: {}", what, summary);
        } else {
            log.error("mikrotik {} failed", what, e);
        }
        List<String> transcript = session == null ? List.of() : session.connection().transcript();
        return ExecutorResult.failure(summary, MikrotikReplyReader.output(List.of(), transcript));
    }
}
