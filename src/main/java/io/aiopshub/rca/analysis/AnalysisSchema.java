package io.aiopshub.rca.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiopshub.remediation.catalog.ActionCatalog;
import java.util.List;
import java.util.Set;

/**
 * JSON Schema of the analysis the model must return, for the prompt and for {@code response_format}.
 * The allowed values here are the same lists the parser enforces.
 */
public final class AnalysisSchema {

    public static final List<String> SEVERITIES = List.of("critical", "high", "warning", "info");
    public static final List<String> EVIDENCE_KINDS = List.of("template", "metric", "alert");
    public static final Set<String> TOP_LEVEL_FIELDS =
            Set.of("summary", "root_cause", "severity", "confidence", "evidence", "suggested_actions");

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "AnalysisResult",
              "type": "object",
              "additionalProperties": false,
              "required": ["summary", "root_cause", "severity", "confidence", "evidence", "suggested_actions"],
              "properties": {
                "summary": {
                  "type": "string",
                  "minLength": 1,
                  "description": "One or two sentences for the on-call engineer: what is happening and its impact."
                },
                "root_cause": {
                  "type": "string",
                  "minLength": 1,
                  "description": "The most likely root cause. If the data does not show it, say what is missing."
                },
                "severity": {
                  "type": "string",
                  "enum": ["critical", "high", "warning", "info"]
                },
                "confidence": {
                  "type": "number",
                  "minimum": 0,
                  "maximum": 1,
                  "description": "How sure you are of root_cause, from 0 (guess) to 1 (certain)."
                },
                "evidence": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["kind", "ref", "detail"],
                    "properties": {
                      "kind": { "type": "string", "enum": ["template", "metric", "alert"] },
                      "ref": {
                        "type": "string",
                        "minLength": 1,
                        "description": "Log template id, metric name or alert fingerprint exactly as given in the input."
                      },
                      "detail": { "type": "string", "description": "What this item shows." }
                    }
                  }
                },
                "suggested_actions": {
                  "type": "array",
                  "description": "Remediation steps, only from the action catalog; empty if none fits.",
                  "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["action_id", "parameters", "reason"],
                    "properties": {
                      "action_id": { "type": "string" },
                      "parameters": { "type": "object", "description": "Values for the action's parameters." },
                      "reason": { "type": "string", "minLength": 1 }
                    }
                  }
                }
              }
            }
            """;

    private AnalysisSchema() {
    }

    /** The schema with {@code action_id} left open; parameters are checked by the parser against the catalog. */
    public static String json() {
        return SCHEMA;
    }

    /** The schema with {@code action_id} restricted to the catalog's ids, so constrained decoding can enforce it. */
    public static String json(ActionCatalog catalog) {
        ObjectMapper mapper = new ObjectMapper();
        try {
            ObjectNode root = (ObjectNode) mapper.readTree(SCHEMA);
            ObjectNode actionId = (ObjectNode) root.at("/properties/suggested_actions/items/properties/action_id");
            ArrayNode ids = actionId.putArray("enum");
            catalog.ids().forEach(ids::add);
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("built-in analysis schema is not valid JSON", e);
        }
    }
}
