package io.aiopshub.api;

import java.io.IOException;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.ingest.PayloadValidationException;

/** Reads request bodies and writes response bodies with the application's ObjectMapper. */
@Component
public class JsonBodies {

    private final ObjectMapper json;

    public JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    public JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new PayloadValidationException("$", "request body is empty; expected a JSON object");
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new PayloadValidationException("$", "must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PayloadValidationException("$", "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PayloadValidationException("$", "unreadable body");
        }
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
