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
    /** Root-cause categories, the same for the LLM and the rule-based analyst (config/analyst-rules.yaml). */
    public static final List<String> CATEGORIES = List.of("availability", "resources", "application", "dependency",
            "performance", "configuration", "security", "unknown");
    public static final List<String> EVIDENCE_KINDS = List.of("template", "metric", "alert", "change");
    public static final Set<String> TOP_LEVEL_FIELDS = Set.of("summary", "root_cause", "root_service", "category",
            "severity", "confidence", "evidence", "suggested_actions");

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "AnalysisResult",
              "type": "object",
              "additionalProperties": false,
              "required": ["summary", "root_cause", "root_service", "category", "severity", "confidence", "evidence",
                           "suggested_actions"],
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
                "root_service": {
                  "type": "string",
                  "minLength": 1,
                  "description": "The ONE service whose fault caused the whole group, spelled exactly as a service in the input; the others are its symptoms."
                },
                "category": {
                  "type": "string",
                  "enum": ["availability", "resources", "application", "dependency", "performance", "configuration", "security", "unknown"],
                  "description": "Kind of fault at the root: availability (down, crash loop), resources (disk, memory, CPU, limits), application (a bug, bad release), dependency (an external service, DNS or network the root relies on), performance (slow, saturated), configuration (bad config, expired/mismatched settings, clock), security (certificates, credentials, attacks), unknown."
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
                      "kind": { "type": "string", "enum": ["template", "metric", "alert", "change"] },
                      "ref": {
                        "type": "string",
                        "minLength": 1,
                        "description": "Log template id, metric name, alert fingerprint or change id exactly as given in the input."
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
