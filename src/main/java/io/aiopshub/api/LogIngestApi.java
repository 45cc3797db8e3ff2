package io.aiopshub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.aiopshub.ingest.FieldProblem;
import io.aiopshub.ingest.LogLine;
import io.aiopshub.ingest.LogLineQueue;
import io.aiopshub.ingest.LogPayloadParser;
import io.aiopshub.ingest.LogQueueUnavailableException;

/**
 * {@code POST /api/v1/logs}: log lines from Filebeat, Fluent Bit or Vector. Good items are queued for
 * template mining, bad ones are listed with index and field; 202 if any was accepted, 429 if the queue
 * was full for some (those can be sent again), 503 with Retry-After if the queue (Redis) is unavailable.
 */
@Component("logIngestApi")
public class LogIngestApi {

    private final LogPayloadParser parser;
    private final LogLineQueue queue;
    private final JsonBodies json;

    public LogIngestApi(LogPayloadParser parser, LogLineQueue queue, JsonBodies json) {
        this.parser = parser;
        this.queue = queue;
        this.json = json;
    }

    public String accept(byte[] body, Exchange exchange) {
        LogPayloadParser.Parsed parsed = parser.parse(body);
        List<LogLine> lines = parsed.lines();
        int queued;
        try {
            queued = queue.offer(lines);
        } catch (LogQueueUnavailableException e) {
            return unavailable(e, exchange);
        }
        List<Object> rejected = new ArrayList<>(parsed.rejected());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", queued == lines.size() ? "accepted" : "partially accepted");
        response.put("accepted", queued);
        response.put("rejected", rejected);
        if (queued < lines.size()) {
            response.put("notQueued", lines.size() - queued);
            response.put("detail", "the mining queue is full; send the last " + (lines.size() - queued) + " lines again later");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 429);
        }
        return json.write(response);
    }

    /**
     * 503 with Retry-After: the request is refused as a whole and the sender resends all of it, so no line
     * is lost (a request cut off mid-way may leave some lines queued twice: at least once, as everywhere).
     */
    private static String unavailable(LogQueueUnavailableException e, Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
        exchange.getMessage().setHeader("Retry-After", Math.max(1, e.retryAfter().toSeconds()));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Problems.CONTENT_TYPE);
        return Problems.body(503, "Service Unavailable", List.of(new FieldProblem("$",
                "log lines cannot be queued while Redis is unavailable; send the whole request again after "
                        + "Retry-After seconds")));
    }
}
