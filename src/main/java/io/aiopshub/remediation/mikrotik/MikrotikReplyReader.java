package io.aiopshub.remediation.mikrotik;

import java.util.List;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.remediation.executor.ExecutorResult;

/** The last stage: the outcome becomes the executor's answer, its output the details and the API transcript. */
@Component
public class MikrotikReplyReader {

    private static final Logger log = LoggerFactory.getLogger(MikrotikReplyReader.class);

    public ExecutorResult read(MikrotikOutcome outcome, @ExchangeProperty(MikrotikSessions.SESSION) MikrotikSession session) {
        log.info("mikrotik {} {}: {}", session.plan().describe(), outcome.succeeded() ? "succeeded" : "failed", outcome.summary());
        return new ExecutorResult(outcome.succeeded(), outcome.summary(),
                output(outcome.details(), session.connection().transcript()), outcome.state());
    }

    static String output(List<String> details, List<String> transcript) {
        StringBuilder out = new StringBuilder();
        details.forEach(line -> out.append(line).append('\n'));
        if (!transcript.isEmpty()) {
            out.append("RouterOS API:\n");
            transcript.forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }
}
