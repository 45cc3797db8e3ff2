package io.aiopshub.api;

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
 * matcher form is accepted too.
 */
@Component("silenceApi")
public class SilenceApi {

    private final SilenceService silences;
    private final JsonBodies json;
    private final java.time.Clock clock;

    public SilenceApi(SilenceService silences, JsonBodies json, java.time.Clock clock) {
        this.silences = silences;
        this.json = json;
        this.clock = clock;
    }

    public String create(byte[] body) {
        JsonNode request = json.readObject(body);
        List<MatcherView> matchers = matchers(request.get("matchers"));
        SilenceService.validateMatchers(matchers);
        Instant startsAt = IncidentApi.time("startsAt", text(request, "startsAt"));
        Instant endsAt = IncidentApi.time("endsAt", text(request, "endsAt"));
        if (endsAt == null) {
            throw new PayloadValidationException("endsAt", "is required: when the silence ends (RFC 3339)");
        }
        if (startsAt != null && !endsAt.isAfter(startsAt)) {
            throw new PayloadValidationException("endsAt", "must be after startsAt");
        }
        if (!endsAt.isAfter(clock.instant())) {
            throw new PayloadValidationException("endsAt", "is in the past");
        }
        String createdBy = IncidentApi.requiredText(request, "createdBy", 256);
        String comment = IncidentApi.requiredText(request, "comment", 2000);
        return json.write(silences.create(matchers, startsAt, endsAt, createdBy, comment));
    }

    public String list() {
        return json.write(silences.list());
    }

    public String get(@Header("id") String id) {
        return json.write(silences.get(id).orElseThrow(() -> new NotFoundException("no silence " + id)));
    }

    public String expire(@Header("id") String id) {
        return json.write(silences.expire(id).orElseThrow(() -> new NotFoundException("no silence " + id)));
    }

    private static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new PayloadValidationException(field, "must be an RFC 3339 timestamp string");
        }
        return node.textValue();
    }

    private static List<MatcherView> matchers(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new PayloadValidationException("matchers", "is required: an array of {name, op, value}");
        }
        List<MatcherView> result = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String at = "matchers[" + i + "]";
            if (!m.isObject() || !m.path("name").isTextual() || !m.path("value").isTextual()) {
                throw new PayloadValidationException(at, "must be an object with string 'name' and 'value'");
            }
            String op;
            if (m.has("op")) {
                if (!m.get("op").isTextual()) {
                    throw new PayloadValidationException(at + ".op", "must be one of =, !=, =~, !~");
                }
                op = m.get("op").textValue();
            } else {
                boolean regex = m.path("isRegex").asBoolean(false);
                boolean equal = m.path("isEqual").asBoolean(true);
                op = regex ? (equal ? "=~" : "!~") : (equal ? "=" : "!=");
            }
            result.add(new MatcherView(m.get("name").textValue(), op, m.get("value").textValue()));
        }
        return result;
    }
}
