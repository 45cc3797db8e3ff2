package io.aiopshub.api;

import java.util.List;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.config.HubMetrics;
import io.aiopshub.ingest.FieldProblem;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.remediation.run.ActionRunConflict;
import io.aiopshub.remediation.run.ActionRunRefused;

/** Turns exceptions caught by the API route configuration into problem responses. */
@Component("apiErrors")
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private final HubMetrics metrics;

    public ApiErrors(HubMetrics metrics) {
        this.metrics = metrics;
    }

    public void badRequest(Exchange exchange) {
        PayloadValidationException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, PayloadValidationException.class);
        metrics.eventsRejected(exchange.getFromRouteId());
        respond(exchange, 400, "Bad Request", e.getProblems());
    }

    public void notFound(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        respond(exchange, 404, "Not Found", List.of(new FieldProblem("id", e.getMessage())));
    }

    public void conflict(Exchange exchange) {
        respond(exchange, 409, "Conflict", List.of(new FieldProblem("$", "the resource changed concurrently; retry")));
    }

    /** A request the action run's state or the remediation policy does not allow now. */
    public void runConflict(Exchange exchange) {
        ActionRunConflict e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ActionRunConflict.class);
        respond(exchange, 409, "Conflict", List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    /** A decision the remediation policy does not let this caller make. */
    public void runRefused(Exchange exchange) {
        ActionRunRefused e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ActionRunRefused.class);
        respond(exchange, 403, "Forbidden", List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    public void internalError(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Request on route {} failed", exchange.getFromRouteId(), e);
        respond(exchange, 500, "Internal Server Error",
                List.of(new FieldProblem("$", "the request could not be processed; nothing was stored")));
    }

    private static void respond(Exchange exchange, int status, String title, List<FieldProblem> problems) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Problems.CONTENT_TYPE);
        exchange.getMessage().setBody(Problems.body(status, title, problems));
    }
}
