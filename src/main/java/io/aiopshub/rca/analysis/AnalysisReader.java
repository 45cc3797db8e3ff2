package io.aiopshub.rca.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the model's JSON into an {@link AnalysisResult}, collecting every structural problem (missing
 * field, wrong type, value out of range) with its JSON path rather than stopping at the first one, so a
 * single repair prompt can cover them all. Catalog checks on actions happen later, in the parser.
 */
final class AnalysisReader {

    record Reading(AnalysisResult result, List<String> problems) {
    }

    private final ObjectMapper mapper;

    AnalysisReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param knownServices the services the prompt named; when not empty, {@code root_service} must be one of
     *                      them (case and surrounding space forgiven, the known spelling kept)
     */
    Reading read(JsonNode root, List<String> knownServices) {
        List<String> problems = new ArrayList<>();
        String summary = requiredText(root, "summary", "summary", true, problems);
        String rootCause = requiredText(root, "root_cause", "root_cause", true, problems);
        String rootService = requiredText(root, "root_service", "root_service", true, problems);
        if (rootService != null && !knownServices.isEmpty()) {
            rootService = known(rootService, knownServices, problems);
        }
        String category = oneOf(root, "category", "category", AnalysisSchema.CATEGORIES, problems);
        String severity = oneOf(root, "severity", "severity", AnalysisSchema.SEVERITIES, problems);
        double confidence = confidence(root, problems);
        List<Evidence> evidence = new ArrayList<>();
        forEachObject(root, "evidence", problems, (item, path) -> {
            String kind = oneOf(item, "kind", path + ".kind", AnalysisSchema.EVIDENCE_KINDS, problems);
            String ref = requiredText(item, "ref", path + ".ref", true, problems);
            String detail = requiredText(item, "detail", path + ".detail", false, problems);
            evidence.add(new Evidence(kind, ref, detail));
        });
        List<SuggestedAction> actions = new ArrayList<>();
        forEachObject(root, "suggested_actions", problems, (item, path) -> {
            String actionId = requiredText(item, "action_id", path + ".action_id", true, problems);
            Map<String, Object> parameters = parameters(item, path + ".parameters", problems);
            String reason = requiredText(item, "reason", path + ".reason", true, problems);
            actions.add(new SuggestedAction(actionId, parameters, reason));
        });
        if (!problems.isEmpty()) {
            return new Reading(null, problems);
        }
        return new Reading(new AnalysisResult(summary, rootCause, rootService, category, severity, confidence, evidence,
                actions), List.of());
    }

    Reading read(JsonNode root) {
        return read(root, List.of());
    }

    private static String known(String service, List<String> knownServices, List<String> problems) {
        String wanted = service.trim();
        for (String candidate : knownServices) {
            if (candidate.equalsIgnoreCase(wanted)) {
                return candidate;
            }
        }
        problems.add("root_service: must be one of the services in the input (" + String.join(", ", knownServices)
                + "), got \"" + (wanted.length() > 60 ? wanted.substring(0, 57) + "..." : wanted) + "\"");
        return null;
    }

    private interface ItemReader {
        void read(JsonNode item, String path);
    }

    private static void forEachObject(JsonNode parent, String field, List<String> problems, ItemReader reader) {
        JsonNode array = parent.get(field);
        if (array == null) {
            problems.add(field + ": required field is missing (use [] if there is nothing to list)");
            return;
        }
        if (!array.isArray()) {
            problems.add(field + ": expected an array, got " + describe(array));
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String path = field + "[" + i + "]";
            if (!item.isObject()) {
                problems.add(path + ": expected an object, got " + describe(item));
            } else {
                reader.read(item, path);
            }
        }
    }

    private static String requiredText(JsonNode parent, String field, String path, boolean nonBlank, List<String> problems) {
        JsonNode node = parent.get(field);
        if (node == null) {
            problems.add(path + ": required field is missing");
            return null;
        }
        if (!node.isTextual()) {
            problems.add(path + ": expected a string, got " + describe(node));
            return null;
        }
        if (nonBlank && node.asText().isBlank()) {
            problems.add(path + ": must not be empty");
            return null;
        }
        return node.asText();
    }

    /** Case is forgiven ("High") because it carries no meaning and is not worth a repair round-trip. */
    private static String oneOf(JsonNode parent, String field, String path, List<String> allowed, List<String> problems) {
        String text = requiredText(parent, field, path, false, problems);
        if (text == null) {
            return null;
        }
        String normalised = text.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalised)) {
            problems.add(path + ": must be one of " + String.join(", ", allowed) + ", got \"" + text + "\"");
            return null;
        }
        return normalised;
    }

    private static double confidence(JsonNode root, List<String> problems) {
        JsonNode node = root.get("confidence");
        if (node == null) {
            problems.add("confidence: required field is missing");
            return Double.NaN;
        }
        if (!node.isNumber()) {
            problems.add("confidence: expected a number between 0 and 1, got " + describe(node));
            return Double.NaN;
        }
        double value = node.asDouble();
        if (!(value >= 0.0 && value <= 1.0)) {
            problems.add("confidence: must be between 0 and 1, got " + node.asText());
        }
        return value;
    }

    private Map<String, Object> parameters(JsonNode item, String path, List<String> problems) {
        JsonNode node = item.get("parameters");
        if (node == null || node.isNull()) {
            // An action without parameters is common enough that the model may omit the empty object.
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add(path + ": expected an object, got " + describe(node));
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        node.properties().forEach(e -> values.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class)));
        return values;
    }

    static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            String text = node.asText();
            return "string \"" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "\"";
        }
        if (node.isNumber()) {
            return "number " + node.asText();
        }
        if (node.isBoolean()) {
            return "boolean " + node.asText();
        }
        return node.isArray() ? "an array" : "an object";
    }
}
