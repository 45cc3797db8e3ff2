package io.aiopshub.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.api.security.ApiCaller;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.redact.Redactor;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.run.ActionDecisions;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.ActionRunNotFound;
import io.aiopshub.remediation.run.ActionRunRefused;
import io.aiopshub.remediation.run.ActionRunStore;
import io.aiopshub.remediation.run.DecisionRequest;
import io.aiopshub.remediation.run.Proposal;
import io.aiopshub.remediation.run.ProposerKind;
import io.aiopshub.remediation.run.RunDecision;
import io.aiopshub.remediation.run.RunEvent;

/**
 * {@code /api/v1/actions}: action runs, their proposal and the decisions on them. Who proposes and who
 * decides is the name of the caller's API token ({@link ApiCaller}), never a request field.
 * Texts the runner stored (dry run, output, verify result, rollback output, history) are redacted again on
 * the way out, so a redaction rule added later covers old runs too.
 */
@Component("actionApi")
public class ActionApi {

    static final int MAX_ACTION_ID_LENGTH = 64;
    static final int MAX_REASON_LENGTH = 1000;
    /** The comment column of a decision holds 1024 characters. */
    static final int MAX_COMMENT_LENGTH = 1000;
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;
    static final String CHANNEL = "api";

    private static final Set<String> PROPOSE_FIELDS = Set.of("actionId", "parameters", "incidentId", "reason", "idempotencyKey");
    private static final Set<String> STATES = Arrays.stream(ActionRunState.values()).map(ActionRunState::id)
            .collect(Collectors.toUnmodifiableSet());

    public record ActionRunSummary(String id, String incidentId, String actionId, String executor, String risk,
                                   String target, Map<String, Object> parameters, String proposedBy, String proposerKind,
                                   String state, String stateReason, Instant createdAt, Instant updatedAt,
                                   Instant expiresAt, String claimedBy, Instant startedAt, Instant verifyDeadline,
                                   Instant finishedAt) { }

    public record DryRunView(Boolean succeeded, String text) { }

    public record DecisionView(String decidedBy, String channel, String decision, String comment, Instant decidedAt) { }

    public record EventView(Instant at, String kind, String actor, String detail) { }

    public record ActionRunDetail(ActionRunSummary run, DryRunView dryRun, String output, String verifyResult,
                                  String rollbackOutput, List<DecisionView> decisions, List<EventView> timeline) { }

    private final ActionRunStore store;
    private final ActionDecisions decisions;
    private final ProducerTemplate producer;
    private final JsonBodies json;
    private final Redactor redactor;
    private final ApiLimits limits;

    public ActionApi(ActionRunStore store, ActionDecisions decisions, ProducerTemplate producer, JsonBodies json,
                     Redactor redactor, ApiLimits limits) {
        this.store = store;
        this.decisions = decisions;
        this.producer = producer;
        this.json = json;
        this.redactor = redactor;
        this.limits = limits;
    }

    /** {@code GET /api/v1/actions?incident=&state=&page=&size=}, newest first. */
    public String list(@Header("incident") String incident, @Header("state") String state,
                       @Header("page") String page, @Header("size") String size) {
        String incidentId = RequestFields.uuid("incident", incident);
        String stateId = RequestFields.oneOf("state", state, STATES);
        int pageNumber = RequestFields.integer("page", page, 0, 0, IncidentApi.MAX_PAGE);
        int pageSize = RequestFields.integer("size", size, 50, 1, limits.getActions().getMaxPageSize());
        ActionRunStore.Filter filter = new ActionRunStore.Filter(incidentId, stateId == null ? null : ActionRunState.of(stateId));
        return json.write(Map.of(
                "items", store.list(filter, pageNumber, pageSize).stream().map(this::summary).toList(),
                "page", pageNumber, "size", pageSize, "total", store.count(filter)));
    }

    /** {@code GET /api/v1/actions/{id}}: the run with its dry run, output, verify result, decisions and history. */
    public String get(@Header("id") String runId) {
        String id = RequestFields.resourceId(runId, "action run");
        return json.write(detail(store.find(id).orElseThrow(() -> new NotFoundException("no action run " + id))));
    }

    /**
     * {@code POST /api/v1/actions}: {@code {"actionId", "parameters": {...}, "incidentId", "reason"}}; the
     * idempotency key from header {@code Idempotency-Key} or field {@code idempotencyKey}. 201 with the run
     * (its dry run attached), or 200 with the run an earlier request with the same key created.
     */
    public String propose(byte[] body, @Header("Idempotency-Key") String keyHeader, Exchange exchange) {
        String caller = caller(exchange);
        JsonNode request = json.readObject(body);
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PROPOSE_FIELDS.contains(name)) {
                throw new PayloadValidationException(name.isBlank() ? "$" : name, "is not a field of a proposal; allowed: "
                        + PROPOSE_FIELDS.stream().sorted().toList());
            }
        }
        String actionId = RequestFields.requiredText(request, "actionId", MAX_ACTION_ID_LENGTH);
        String incidentId = RequestFields.uuid("incidentId", RequestFields.optionalText(request, "incidentId", 36));
        String reason = RequestFields.optionalText(request, "reason", MAX_REASON_LENGTH);
        Map<String, Object> parameters = parameters(request.get("parameters"));
        String key = idempotencyKey(keyHeader, RequestFields.optionalText(request, "idempotencyKey", MAX_IDEMPOTENCY_KEY_LENGTH));
        Proposal proposal = new Proposal(actionId, parameters, incidentId, caller, ProposerKind.PERSON,
                "person:" + caller + ":" + (key == null ? UUID.randomUUID() : key), reason);
        Exchange result = producer.request("direct:remediation-propose", e -> e.getIn().setBody(proposal));
        if (result.getException() != null) {
            throw unwrapped(result.getException());
        }
        ActionRun run = result.getMessage().getBody(ActionRun.class);
        // The api-call template set 201 before the call; a retry found the run the first request made.
        if (!Boolean.TRUE.equals(result.getProperty("runCreated", Boolean.class))) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        }
        exchange.getMessage().setHeader("Location", "/api/v1/actions/" + run.id());
        return json.write(detail(run));
    }

    /** {@code POST /api/v1/actions/{id}/approve}, body empty or {@code {"comment": "..."}}. */
    public String approve(@Header("id") String runId, byte[] body, Exchange exchange) {
        DecisionRequest decision = decision(runId, body, exchange);
        return json.write(detail(call(() -> {
            Exchange result = producer.request("direct:remediation-approve", e -> e.getIn().setBody(decision));
            if (result.getException() != null) {
                throw unwrapped(result.getException());
            }
            return result.getMessage().getBody(ActionRun.class);
        })));
    }

    /** {@code POST /api/v1/actions/{id}/reject}, body empty or {@code {"comment": "..."}}. */
    public String reject(@Header("id") String runId, byte[] body, Exchange exchange) {
        DecisionRequest decision = decision(runId, body, exchange);
        return json.write(detail(call(() -> decisions.reject(decision))));
    }

    /** {@code POST /api/v1/actions/{id}/cancel}, body empty or {@code {"comment": "..."}}: before it started only. */
    public String cancel(@Header("id") String runId, byte[] body, Exchange exchange) {
        DecisionRequest decision = decision(runId, body, exchange);
        return json.write(detail(call(() -> decisions.cancel(decision))));
    }

    private DecisionRequest decision(String runId, byte[] body, Exchange exchange) {
        String id = RequestFields.resourceId(runId, "action run");
        String caller = caller(exchange);
        String comment = null;
        if (body != null && new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            body = null;
        }
        if (body != null) {
            JsonNode request = json.readObject(body);
            for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!"comment".equals(name)) {
                    throw new PayloadValidationException(name.isBlank() ? "$" : name,
                            "is not a field of a decision; the body is empty or {\"comment\": \"...\"}");
                }
            }
            comment = RequestFields.optionalText(request, "comment", MAX_COMMENT_LENGTH);
        }
        return new DecisionRequest(id, caller, CHANNEL, comment);
    }

    /** The caller's API token name (see {@link ApiCaller}); a request without one is refused. */
    private static String caller(Exchange exchange) {
        return ApiCaller.name(exchange).orElseThrow(() -> new ActionRunRefused("approver",
                "the request carries no authenticated API token name"));
    }

    /** Parameter values as JSON gave them; objects and arrays are kept so the catalog check names them. */
    private static Map<String, Object> parameters(JsonNode node) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return parameters;
        }
        if (!node.isObject()) {
            throw new PayloadValidationException("parameters", "must be an object of parameter name to value");
        }
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            Object converted;
            if (value.isTextual()) {
                converted = RequestFields.text("parameters." + field.getKey(), value.textValue(), MAX_REASON_LENGTH);
            } else if (value.isIntegralNumber()) {
                converted = value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
            } else if (value.isNumber()) {
                converted = value.doubleValue();
            } else if (value.isBoolean()) {
                converted = value.booleanValue();
            } else if (value.isNull()) {
                converted = null;
            } else {
                converted = value.isArray() ? List.of() : Map.of();
            }
            parameters.put(field.getKey(), converted);
        });
        return parameters;
    }

    private static String idempotencyKey(String header, String field) {
        String key = header == null || header.isBlank() ? field : header;
        if (header != null && !header.isBlank() && field != null && !field.equals(header)) {
            throw new PayloadValidationException("idempotencyKey", "differs from the Idempotency-Key header");
        }
        if (key == null) {
            return null;
        }
        if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new PayloadValidationException("idempotencyKey", "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " printable ASCII characters without spaces");
        }
        return key;
    }

    private static <T> T call(Supplier<T> decision) {
        try {
            return decision.get();
        } catch (ActionRunNotFound e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    /** What the propose or approve route threw, as the API's error handling knows it. */
    private static RuntimeException unwrapped(Exception e) {
        Throwable cause = e instanceof CamelExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ActionRunNotFound notFound) {
            return new NotFoundException(notFound.getMessage());
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    private ActionRunSummary summary(ActionRun run) {
        return new ActionRunSummary(run.id(), run.incidentId(), run.actionId(), run.executor(),
                run.risk().name().toLowerCase(java.util.Locale.ROOT), run.target(), run.parameters(), run.proposedBy(),
                run.proposerKind().id(), run.state().id(), redactor.redact(run.stateReason()), run.createdAt(),
                run.updatedAt(), run.expiresAt(), run.claimedBy(), run.startedAt(), run.verifyDeadline(), run.finishedAt());
    }

    private ActionRunDetail detail(ActionRun run) {
        return new ActionRunDetail(summary(run),
                run.dryRun() == null ? null : new DryRunView(run.dryRunSucceeded(), redactor.redact(run.dryRun())),
                redactor.redact(run.output()), redactor.redact(run.verifyResult()), redactor.redact(run.rollbackOutput()),
                store.decisions(run.id()).stream().map(ActionApi::view).toList(),
                store.events(run.id()).stream().map(this::view).toList());
    }

    private static DecisionView view(RunDecision d) {
        return new DecisionView(d.decidedBy(), d.channel(), d.decision(), d.comment(), d.decidedAt());
    }

    private EventView view(RunEvent e) {
        return new EventView(e.at(), e.kind(), e.actor(), redactor.redact(e.detail()));
    }
}
