package io.aiopshub.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Header;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.incident.Durations;
import io.aiopshub.incident.IncidentDispatcher;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.rca.group.ChangeEvent;
import io.aiopshub.rca.group.CorrelationGroup;
import io.aiopshub.rca.group.GroupContext;
import io.aiopshub.rca.group.GroupContexts;
import io.aiopshub.rca.group.RootCandidate;
import io.aiopshub.rca.rules.IncidentEvidence;
import io.aiopshub.rca.IncidentAnalysisService;
import io.aiopshub.redact.JsonRedactor;
import io.aiopshub.redact.Redactor;
import io.aiopshub.store.AlertEntity;
import io.aiopshub.store.AlertRepository;
import io.aiopshub.store.IncidentEntity;
import io.aiopshub.store.IncidentRepository;
import io.aiopshub.store.NotificationRepository;
import io.aiopshub.store.TimelineRepository;

/**
 * {@code GET /api/v1/incidents}, {@code GET /api/v1/incidents/{id}} and {@code POST .../{id}/ack}.
 *
 * <p>What callers sent is shown as stored: alerts' labels and annotations, the incident's title and group
 * labels, acknowledgement comments (every API caller holds a token). Everything the hub derived from it
 * is redacted on the way out, old rows included: the analysis (result, evidence, similar incidents,
 * runbooks), log templates and their examples, metric context, timeline details and notification errors.
 */
@Component("incidentApi")
public class IncidentApi {

    public record IncidentSummary(String id, String status, String severity, String title, String service,
                                  String routeId, Map<String, String> groupLabels, Instant createdAt,
                                  Instant updatedAt, Instant resolvedAt, Instant lastNotifiedAt, boolean flapping,
                                  String ackedBy, Instant ackedAt, String ackComment, String group) {

        static IncidentSummary of(IncidentEntity i) {
            return new IncidentSummary(i.getId(), i.getStatus(), i.getSeverity(), i.getTitle(), i.getService(),
                    i.getRouteId(), i.getGroupLabels(), i.getCreatedAt(), i.getUpdatedAt(), i.getResolvedAt(),
                    i.getLastNotifiedAt(), i.isFlapping(), i.getAckedBy(), i.getAckedAt(), i.getAckComment(),
                    i.getCorrelationGroupId());
        }
    }

    /**
     * The correlated group an incident is part of: its role ({@code root} or {@code symptom}), "symptom of
     * ..." in words, the members, the ranked root candidates and the evidence gathered for the group.
     */
    public record GroupView(String id, String role, String rootIncidentId, String symptomOf,
                            List<CorrelationGroup.Member> members, List<RootCandidate> candidates,
                            List<IncidentEvidence.TemplateEvidence> logEvidence, List<ChangeEvent> changes,
                            Map<String, Set<String>> dependencies) {

        static GroupView of(String incidentId, GroupContext context) {
            CorrelationGroup group = context.group();
            boolean root = incidentId.equals(group.rootIncidentId());
            String symptomOf = root ? null : group.members().stream()
                    .filter(m -> m.incidentId().equals(group.rootIncidentId())).findFirst()
                    .map(m -> "symptom of '" + m.title() + "'" + (m.service().isEmpty() ? "" : " (" + m.service() + ")"))
                    .orElse(null);
            return new GroupView(group.id(), root ? "root" : "symptom", group.rootIncidentId(), symptomOf, group.members(),
                    context.candidates(), context.logEvidence(), context.changes(), context.dependencies());
        }
    }

    public record AlertView(String fingerprint, String status, String severity, String source,
                            Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                            Instant endsAt, Instant resolvedAt, String generatorUrl, String silencedBy,
                            boolean inhibited, Instant lastReceivedAt) {

        static AlertView of(AlertEntity a) {
            return new AlertView(a.getFingerprint(), a.getStatus(), a.getSeverity(), a.getSource(), a.getLabels(),
                    a.getAnnotations(), a.getStartsAt(), a.getEndsAt(), a.getResolvedAt(), a.getGeneratorUrl(),
                    a.getSilencedBy(), a.isInhibited(), a.getLastReceivedAt());
        }
    }

    public record TimelineView(Instant at, String kind, String actor, String detail) { }

    public record NotificationView(long id, String channel, String kind, String status, int attempts,
                                   String lastError, Instant createdAt, Instant sentAt) { }

    /** A log template attached to the incident by the analysis stage. */
    public record TemplateView(String service, String templateId, String template, long occurrences,
                               String examplesJson, Instant firstSeenAt, Instant lastSeenAt) { }

    /** Metric series captured around the incident's start by the metric-rules stage. */
    public record MetricContextView(String query, String description, Instant rangeStart, Instant rangeEnd,
                                    int stepSeconds, String seriesJson) { }

    /** The latest root-cause analysis, or status "pending" while there is none yet. */
    public record AnalysisView(String status, String provider, String model, String ruleId, String category, Object result,
                               Object similarIncidents, Object runbooks, Long latencyMs, Integer tokensIn, Integer tokensOut,
                               Double costUsd, Instant createdAt) { }

    public record IncidentDetail(IncidentSummary incident, AnalysisView analysis, List<AlertView> alerts,
                                 List<TimelineView> timeline, List<NotificationView> notifications,
                                 List<TemplateView> logTemplates, List<MetricContextView> metricContext,
                                 GroupView group) { }

    private static final Set<String> STATUSES = Set.of("firing", "resolved");
    private static final Set<String> SEVERITIES = Set.of("critical", "high", "warning", "info");
    /** Highest page number of the incident list; with the largest page size still a plain SQL offset. */
    static final int MAX_PAGE = 1_000_000;

    private final IncidentRepository incidents;
    private final AlertRepository alerts;
    private final TimelineRepository timeline;
    private final NotificationRepository notifications;
    private final IncidentDispatcher dispatcher;
    private final JsonBodies json;
    private final JdbcTemplate jdbc;
    private final IncidentAnalysisService analysisService;
    private final ApiLimits limits;
    private final Redactor redactor;
    private final JsonRedactor jsonRedactor;
    private final GroupContexts groups;
    private final IncidentFilters filters;

    public IncidentApi(IncidentRepository incidents, AlertRepository alerts, TimelineRepository timeline,
                       NotificationRepository notifications, IncidentDispatcher dispatcher, JsonBodies json,
                       JdbcTemplate jdbc, IncidentAnalysisService analysisService, ApiLimits limits,
                       Redactor redactor, JsonRedactor jsonRedactor, GroupContexts groups, IncidentFilters filters) {
        this.groups = groups;
        this.filters = filters;
        this.limits = limits;
        this.jdbc = jdbc;
        this.redactor = redactor;
        this.jsonRedactor = jsonRedactor;
        this.analysisService = analysisService;
        this.incidents = incidents;
        this.alerts = alerts;
        this.timeline = timeline;
        this.notifications = notifications;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    public String list(@Header("status") String status, @Header("severity") String severity,
                       @Header("service") String service, @Header("from") String from, @Header("to") String to,
                       @Header("page") String page, @Header("size") String size, @Header("label") Object label,
                       @Header("group") String group) {
        String statusFilter = RequestFields.oneOf("status", status, STATUSES);
        String severityFilter = RequestFields.oneOf("severity", severity, SEVERITIES);
        String serviceFilter = service == null || service.isBlank() ? null
                : RequestFields.text("service", service, RequestFields.MAX_SERVICE_LENGTH);
        Instant fromTime = RequestFields.timestamp("from", from);
        Instant toTime = RequestFields.timestamp("to", to);
        if (fromTime != null && toTime != null && !toTime.isAfter(fromTime)) {
            throw new PayloadValidationException("to", "must be after from");
        }
        int pageNumber = RequestFields.integer("page", page, 0, 0, MAX_PAGE);
        int pageSize = RequestFields.integer("size", size, 50, 1, limits.getIncidents().getMaxPageSize());
        Map<String, String> labelFilters = IncidentFilters.labels(label);
        String groupFilter = RequestFields.uuid("group", group);
        if (!labelFilters.isEmpty() || groupFilter != null) {
            IncidentFilters.Page found = filters.search(statusFilter, severityFilter, serviceFilter, fromTime, toTime,
                    groupFilter, labelFilters, pageNumber, pageSize);
            Map<String, IncidentEntity> byId = new java.util.HashMap<>();
            incidents.findAllById(found.ids()).forEach(i -> byId.put(i.getId(), i));
            return json.write(Map.of(
                    "items", found.ids().stream().map(byId::get).filter(java.util.Objects::nonNull).map(IncidentSummary::of).toList(),
                    "page", pageNumber, "size", pageSize, "total", found.total()));
        }
        Page<IncidentEntity> result = incidents.search(statusFilter, severityFilter, serviceFilter,
                fromTime, toTime, PageRequest.of(pageNumber, pageSize));
        return json.write(Map.of(
                "items", result.getContent().stream().map(IncidentSummary::of).toList(),
                "page", pageNumber, "size", pageSize, "total", result.getTotalElements()));
    }

    public String get(@Header("id") String incidentId) {
        String id = RequestFields.resourceId(incidentId, "incident");
        IncidentEntity incident = incidents.findById(id).orElseThrow(() -> new NotFoundException("no incident " + id));
        return json.write(new IncidentDetail(IncidentSummary.of(incident), analysis(id),
                alerts.findByIncidentIdOrderById(id).stream().map(AlertView::of).toList(),
                timeline.findByIncidentIdOrderById(id).stream()
                        .map(t -> new TimelineView(t.getAt(), t.getKind(), t.getActor(), redactor.redact(t.getDetail()))).toList(),
                notifications.findByIncidentIdOrderById(id).stream()
                        .map(n -> new NotificationView(n.getId(), n.getChannel(), n.getKind(), n.getStatus(),
                                n.getAttempts(), redactor.redact(n.getLastError()), n.getCreatedAt(), n.getSentAt())).toList(),
                jdbc.query("select * from incident_log_templates where incident_id = ? order by occurrences desc",
                        (rs, i) -> new TemplateView(rs.getString("service"), rs.getString("template_id"),
                                redactor.redact(rs.getString("template")), rs.getLong("occurrences"),
                                redactedJsonText(rs.getString("examples_json")),
                                rs.getTimestamp("first_seen_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant()), id),
                jdbc.query("select * from incident_metric_context where incident_id = ? order by id",
                        (rs, i) -> new MetricContextView(redactor.redact(rs.getString("query")),
                                redactor.redact(rs.getString("description")),
                                rs.getTimestamp("range_start").toInstant(), rs.getTimestamp("range_end").toInstant(),
                                rs.getInt("step_seconds"), redactedJsonText(rs.getString("series_json"))), id),
                group(id, incident)));
    }

    /** The incident's correlated group; null when it is in none. */
    private GroupView group(String id, IncidentEntity incident) {
        if (incident.getCorrelationGroupId() == null) {
            return null;
        }
        GroupContext context = groups.forIncident(id);
        return context.correlated() ? GroupView.of(id, context) : null;
    }

    /**
     * {@code POST /api/v1/incidents/{id}/analyze}: analyses the incident again now; answers with the result.
     * The body is empty or {@code {}}.
     */
    public String reanalyze(@Header("id") String incidentId, byte[] body) {
        String id = RequestFields.resourceId(incidentId, "incident");
        json.readEmpty(body);
        if (!analysisService.analyzeNow(id)) {
            throw new NotFoundException("no incident " + id + " with alerts to analyse");
        }
        return json.write(analysis(id));
    }

    /** {@code POST /api/v1/analyze}, body {@code {"service": "checkout", "window": "1h"}} (window default 1h). */
    public String analyzeService(byte[] body) {
        JsonNode request = json.readObject(body);
        String service = RequestFields.requiredText(request, "service", RequestFields.MAX_SERVICE_LENGTH);
        java.time.Duration max = limits.getAnalyze().getMaxWindow();
        java.time.Duration window = java.time.Duration.ofHours(1);
        String windowText = RequestFields.optionalText(request, "window", 32);
        if (windowText != null) {
            try {
                window = Durations.parse(windowText);
            } catch (IllegalArgumentException e) {
                throw new PayloadValidationException("window", "must be a duration such as 30m, 1h or 1d");
            }
            if (window.isZero() || window.compareTo(max) > 0) {
                throw new PayloadValidationException("window", "must be longer than 0 and at most "
                        + max.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return json.write(jsonRedactor.redact(json.toTree(analysisService.analyzeService(service, window))));
    }

    private AnalysisView analysis(String incidentId) {
        List<AnalysisView> latest = jdbc.query("select * from incident_analyses where incident_id = ? order by id desc "
                + "fetch first 1 rows only", (rs, i) -> new AnalysisView("done", rs.getString("provider"), rs.getString("model"),
                rs.getString("rule_id"), rs.getString("category"), redactedTree(rs.getString("result_json")),
                redactedTree(rs.getString("similar_json")), redactedTree(rs.getString("runbooks_json")),
                (Long) rs.getObject("latency_ms", Long.class), (Integer) rs.getObject("tokens_in", Integer.class),
                (Integer) rs.getObject("tokens_out", Integer.class), (Double) rs.getObject("cost_usd", Double.class),
                rs.getTimestamp("created_at").toInstant()), incidentId);
        return latest.isEmpty() ? new AnalysisView("pending", null, null, null, null, null, null, null, null, null, null, null, null)
                : latest.get(0);
    }

    /** Stored JSON as a redacted tree; null stays null. */
    private JsonNode redactedTree(String stored) {
        return stored == null ? null : jsonRedactor.redact(json.readTree(stored));
    }

    /** Stored JSON kept as a string in the response, redacted value by value. */
    private String redactedJsonText(String stored) {
        return stored == null ? null : json.write(redactedTree(stored));
    }

    /** Body: {@code {"user": "alice", "comment": "looking into it"}}. */
    public String acknowledge(@Header("id") String incidentId, byte[] body) {
        String id = RequestFields.resourceId(incidentId, "incident");
        JsonNode request = json.readObject(body);
        String user = RequestFields.requiredText(request, "user", RequestFields.MAX_USER_LENGTH);
        JsonNode commentNode = request.get("comment");
        if (commentNode != null && !commentNode.isNull() && !commentNode.isTextual()) {
            throw new PayloadValidationException("comment", "must be a string");
        }
        String comment = commentNode == null || commentNode.isNull() ? null
                : RequestFields.text("comment", commentNode.textValue(), RequestFields.MAX_COMMENT_LENGTH);
        IncidentEntity incident = dispatcher.acknowledge(id, user, comment)
                .orElseThrow(() -> new NotFoundException("no incident " + id));
        return json.write(IncidentSummary.of(incident));
    }
}
