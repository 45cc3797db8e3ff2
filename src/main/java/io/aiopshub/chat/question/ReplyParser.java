package io.aiopshub.chat.question;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the model's final answer: {@code {"answer": "...", "proposal": null | {"action_id", "parameters",
 * "incident_id", "reason"}}}. Anything else the model wrote is kept as the answer's text, with no proposal;
 * fields other than these are ignored (an "approve" in the answer means nothing).
 */
final class ReplyParser {

    record Reply(String answer, ProposedAction proposal) { }

    private final ObjectMapper json;

    ReplyParser(ObjectMapper json) {
        this.json = json;
    }

    Reply parse(String text) {
        String content = text == null ? "" : text.trim();
        if (content.startsWith("```")) {
            content = content.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JsonProcessingException e) {
            return new Reply(text == null ? "" : text.trim(), null);
        }
        if (root == null || !root.isObject()) {
            return new Reply(content, null);
        }
        String answer = root.path("answer").asText("").trim();
        JsonNode proposal = root.path("proposal");
        if (!proposal.isObject() || proposal.path("action_id").asText("").isBlank()) {
            return new Reply(answer, null);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        proposal.path("parameters").fields().forEachRemaining(field -> parameters.put(field.getKey(),
                json.convertValue(field.getValue(), Object.class)));
        String incident = proposal.path("incident_id").isTextual() ? proposal.path("incident_id").asText().trim() : null;
        String reason = proposal.path("reason").isTextual() ? proposal.path("reason").asText().trim() : null;
        return new Reply(answer, new ProposedAction(proposal.path("action_id").asText().trim(), parameters,
                incident == null || incident.isEmpty() ? null : incident, reason));
    }
}
