package io.aiopshub.api;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.ingest.StrictJson;

/** Reads request bodies (strictly, see {@link StrictJson}) and writes response bodies with the application's ObjectMapper. */
@Component
public class JsonBodies {

    private final ObjectMapper json;

    public JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    /** A request body that must be one JSON object, read by the same strict reader as every body. */
    public JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new PayloadValidationException("$", "request body is empty; expected a JSON object");
        }
        JsonNode node = StrictJson.read(body);
        if (!node.isObject()) {
            throw new PayloadValidationException("$", "must be a JSON object");
        }
        return node;
    }

    /**
     * A body that carries nothing: empty, or {@code {}} (for actions such as re-analysing an incident, whose
     * clients may send either). Anything else is refused rather than silently ignored.
     */
    public void readEmpty(byte[] body) {
        if (body == null || onlyJsonWhitespace(body)) {
            return;
        }
        JsonNode node = StrictJson.read(body);
        if (!node.isObject()) {
            throw new PayloadValidationException("$", "must be empty or {}");
        }
        if (!node.isEmpty()) {
            String name = node.fieldNames().next();
            throw new PayloadValidationException(name.isBlank() ? "$" : name, "is not a field of this request; the body must be empty or {}");
        }
    }

    private static boolean onlyJsonWhitespace(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Parses stored JSON, for embedding it in a response as a tree rather than as a string. */
    public JsonNode readTree(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }

    /** A value as a JSON tree, e.g. to redact it before it is written. */
    public JsonNode toTree(Object value) {
        return json.valueToTree(value);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }
}
