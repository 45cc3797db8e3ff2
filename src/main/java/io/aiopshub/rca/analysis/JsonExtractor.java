package io.aiopshub.rca.analysis;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON object in a model reply. Models wrap JSON in ```json fences, put prose before or
 * after it, or get cut off by the token limit; each case gets either the object or one clear problem.
 */
final class JsonExtractor {

    /** Candidate '{' positions tried before giving up; prose rarely contains more than a few braces. */
    private static final int MAX_CANDIDATES = 16;
    private static final Pattern FENCE_OPEN = Pattern.compile("```[ \\t]*(?:json|JSON|javascript|js)?[ \\t]*\\r?\\n?");

    record Extraction(JsonNode json, String problem) {

        static Extraction of(JsonNode json) {
            return new Extraction(json, null);
        }

        static Extraction problem(String problem) {
            return new Extraction(null, problem);
        }
    }

    private final ObjectMapper mapper;
    private final Set<String> expectedKeys;

    /**
     * @param expectedKeys top-level field names of the answer; an object with none of them is only used
     *                     when nothing better is found, so its missing fields get reported
     */
    JsonExtractor(ObjectMapper mapper, Set<String> expectedKeys) {
        this.mapper = mapper;
        this.expectedKeys = Set.copyOf(expectedKeys);
    }

    Extraction extract(String text) {
        if (text == null || text.isBlank()) {
            return Extraction.problem("the output is empty; expected a JSON object");
        }
        String body = insideFence(text);
        // The first candidate that fails (truncated or bad syntax) and the region it spans: an object
        // parsed from inside that region is a fragment of the broken answer, not an answer of its own.
        String failure = null;
        int failureStart = -1;
        int failureEnd = -1;
        JsonNode fallback = null;
        int fallbackAt = -1;
        int from = 0;
        for (int attempt = 0; attempt < MAX_CANDIDATES; attempt++) {
            int start = body.indexOf('{', from);
            if (start < 0) {
                break;
            }
            from = start + 1;
            Scan scan = scan(body, start);
            if (scan.end() < 0) {
                if (failure == null) {
                    failure = truncationProblem(scan);
                    failureStart = start;
                    failureEnd = body.length();
                }
                continue;
            }
            try {
                JsonNode node = mapper.readTree(body.substring(start, scan.end()));
                if (node == null || !node.isObject()) {
                    continue;
                }
                // Nested objects (an evidence item) also parse; only one carrying answer fields is the answer.
                if (expectedKeys.stream().anyMatch(node::has)) {
                    return Extraction.of(node);
                }
                if (fallback == null) {
                    fallback = node;
                    fallbackAt = start;
                }
            } catch (JsonProcessingException e) {
                if (failure == null) {
                    failure = "the output is not valid JSON: " + e.getOriginalMessage() + where(e.getLocation());
                    failureStart = start;
                    failureEnd = scan.end();
                }
            }
        }
        boolean fallbackInsideFailure = fallbackAt > failureStart && fallbackAt < failureEnd;
        if (failure != null && (fallback == null || fallbackInsideFailure)) {
            return Extraction.problem(failure);
        }
        if (fallback != null) {
            return Extraction.of(fallback);
        }
        return Extraction.problem("no JSON object found in the output");
    }

    /** Content of the first ``` fence; an unclosed fence yields everything after it (the reply was cut off). */
    private static String insideFence(String text) {
        Matcher open = FENCE_OPEN.matcher(text);
        if (!open.find()) {
            return text;
        }
        int close = text.indexOf("```", open.end());
        String inside = close < 0 ? text.substring(open.end()) : text.substring(open.end(), close);
        // A fence that holds no object (e.g. a shell snippet before the JSON) should not hide the real answer.
        return inside.indexOf('{') >= 0 ? inside : text;
    }

    /**
     * @param end        index after the matching '}', or -1 when the text ended first
     * @param openDepth  brackets still open at the end of the text
     * @param inString   whether the text ended inside a string literal
     */
    private record Scan(int end, int openDepth, boolean inString) {
    }

    /** Bracket matching that knows about strings, so braces inside string values do not count. */
    private static Scan scan(String s, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    depth--;
                    if (depth == 0) {
                        return new Scan(i + 1, 0, false);
                    }
                }
                default -> {
                    // other characters do not affect nesting
                }
            }
        }
        return new Scan(-1, depth, inString);
    }

    private static String truncationProblem(Scan scan) {
        String how = scan.inString()
                ? "it ends inside a string value"
                : "it ends with " + scan.openDepth() + " unclosed bracket" + (scan.openDepth() == 1 ? "" : "s");
        return "the output is truncated: the JSON object is not complete (" + how + "); return the whole object";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + " of the JSON)";
    }
}
