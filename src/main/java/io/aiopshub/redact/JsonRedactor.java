package io.aiopshub.redact;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Redacts every string of a JSON document (stored analyses, evidence, metric series): a property's
 * value by its name, as labels are, and array items as free text. Structure, numbers and names are kept.
 */
public final class JsonRedactor {

    private final Redactor redactor;

    public JsonRedactor(Redactor redactor) {
        this.redactor = redactor;
    }

    /** A redacted copy; {@code null} stays {@code null}. */
    public JsonNode redact(JsonNode node) {
        return node == null ? null : redact(null, node);
    }

    private JsonNode redact(String name, JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            String redacted = name == null ? redactor.redact(text) : redactor.redactValue(name, text);
            return redacted.equals(text) ? node : TextNode.valueOf(redacted);
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), redact(field.getKey(), field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode(node.size());
            for (JsonNode item : node) {
                copy.add(redact(null, item));
            }
            return copy;
        }
        return node;
    }
}
