package io.aiopshub.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Header;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.incident.SilenceService;
import io.aiopshub.incident.SilenceService.MatcherView;
import io.aiopshub.ingest.PayloadValidationException;

/**
 * Silences. Body of {@code POST /api/v1/silences}:
 * {@code {"matchers":[{"name":"service","op":"=","value":"api"}], "startsAt": "...", "endsAt": "...",
 * "createdBy": "alice", "comment": "maintenance"}}; Alertmanager's {@code isRegex}/{@code isEqual}
 * matcher form is accepted too. Bounds: {@link ApiLimits.Silences}.
 */
@Component("silenceApi")
public class SilenceApi {

    private final SilenceService silences;
    private final JsonBodies json;
    private final Clock clock;
    private final ApiLimits.Silences limits;

    public SilenceApi(SilenceService silences, JsonBodies json, Clock clock, ApiLimits limits) {
        this.silences = silences;
        this.json = json;
        this.clock = clock;
        this.limits = limits.getSilences();
    }

    public String create(byte[] body) {
        JsonNode request = json.readObject(body);
        List<MatcherView> matchers = matchers(request.get("matchers"));
        SilenceService.validateMatchers(matchers);
        Instant now = clock.instant();
        Duration horizon = limits.getMaxDuration();
        Instant startsAt = RequestFields.timestamp(request, "startsAt");
        Instant endsAt = RequestFields.timestamp(request, "endsAt");
        if (startsAt != null && (startsAt.isBefore(now.minus(horizon)) || startsAt.isAfter(now.plus(horizon)))) {
            throw new PayloadValidationException("startsAt", "must lie within " + horizon.toDays() + " days of now");
        }
        if (endsAt == null) {
            throw new PayloadValidationException("endsAt", "is required: when the silence ends (RFC 3339)");
        }
        if (startsAt != null && !endsAt.isAfter(startsAt)) {
            throw new PayloadValidationException("endsAt", "must be after startsAt");
        }
        if (!endsAt.isAfter(now)) {
            throw new PayloadValidationException("endsAt", "is in the past");
        }
        if (endsAt.isAfter(now.plus(horizon))) {
            throw new PayloadValidationException("endsAt", "must lie within " + horizon.toDays()
                    + " days of now; renew a longer silence when it ends");
        }
        String createdBy = RequestFields.requiredText(request, "createdBy", RequestFields.MAX_USER_LENGTH);
        String comment = RequestFields.requiredText(request, "comment", RequestFields.MAX_COMMENT_LENGTH);
        return json.write(silences.create(matchers, startsAt, endsAt, createdBy, comment));
    }

    public String list() {
        return json.write(silences.list());
    }

    public String get(@Header("id") String id) {
        String silenceId = RequestFields.resourceId(id, "silence");
        return json.write(silences.get(silenceId).orElseThrow(() -> new NotFoundException("no silence " + silenceId)));
    }

    public String expire(@Header("id") String id) {
        String silenceId = RequestFields.resourceId(id, "silence");
        return json.write(silences.expire(silenceId).orElseThrow(() -> new NotFoundException("no silence " + silenceId)));
    }

    private List<MatcherView> matchers(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new PayloadValidationException("matchers", "is required: an array of {name, op, value}");
        }
        if (node.size() > limits.getMaxMatchers()) {
            throw new PayloadValidationException("matchers", "has " + node.size() + " entries; at most "
                    + limits.getMaxMatchers() + " are allowed");
        }
        List<MatcherView> result = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String at = "matchers[" + i + "]";
            if (!m.isObject() || !m.path("name").isTextual() || !m.path("value").isTextual()) {
                throw new PayloadValidationException(at, "must be an object with string 'name' and 'value'");
            }
            String op = op(m, at);
            String name = RequestFields.text(at + ".name", m.get("name").textValue(), limits.getMaxMatcherLength());
            boolean regex = op.endsWith("~");
            String value = RequestFields.text(at + ".value", m.get("value").textValue(),
                    regex ? Math.min(limits.getMaxRegexLength(), limits.getMaxMatcherLength()) : limits.getMaxMatcherLength());
            result.add(new MatcherView(name, op, value));
        }
        return result;
    }

    private static String op(JsonNode m, String at) {
        if (m.has("op")) {
            JsonNode op = m.get("op");
            if (!op.isTextual() || !List.of("=", "!=", "=~", "!~").contains(op.textValue())) {
                throw new PayloadValidationException(at + ".op", "must be one of =, !=, =~, !~");
            }
            return op.textValue();
        }
        boolean regex = flag(m, "isRegex", false, at);
        boolean equal = flag(m, "isEqual", true, at);
        return regex ? (equal ? "=~" : "!~") : (equal ? "=" : "!=");
    }

    private static boolean flag(JsonNode m, String name, boolean fallback, String at) {
        JsonNode node = m.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new PayloadValidationException(at + "." + name, "must be true or false");
        }
        return node.booleanValue();
    }
}
