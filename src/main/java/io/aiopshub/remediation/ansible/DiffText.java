package io.aiopshub.remediation.ansible;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders one entry of a task's {@code diff} for people: a module's prepared text as is; file contents
 * (before/after strings) as the changed lines with three lines of context; states (before/after maps,
 * e.g. {@code state: file} to {@code state: absent}) as the keys that change.
 */
final class DiffText {

    private static final int CONTEXT = 3;

    private DiffText() {
    }

    static List<String> render(JsonNode diff) {
        if (diff.path("prepared").isTextual()) {
            return diff.path("prepared").asText().lines().toList();
        }
        JsonNode before = diff.path("before");
        JsonNode after = diff.path("after");
        if (before.isObject() || after.isObject()) {
            return fields(before, after);
        }
        List<String> out = new ArrayList<>();
        out.add("--- " + diff.path("before_header").asText("before"));
        out.add("+++ " + diff.path("after_header").asText("after"));
        out.addAll(lines(text(before), text(after)));
        return out;
    }

    private static List<String> fields(JsonNode before, JsonNode after) {
        Set<String> keys = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            String was = shown(before.get(key));
            String now = shown(after.get(key));
            if (!Objects.equals(was, now)) {
                out.add(key + ": " + was + " -> " + now);
            } else if ("path".equals(key) || "dest".equals(key)) {
                out.add(key + ": " + was);
            }
        }
        return out;
    }

    /** The lines between the common head and the common tail, with context: enough for a changed block. */
    static List<String> lines(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<String> out = new ArrayList<>();
        if (head == a.size() && head == b.size()) {
            return out;
        }
        int from = Math.max(0, head - CONTEXT);
        out.add("@@ line " + (from + 1) + " @@");
        for (int i = from; i < head; i++) {
            out.add(" " + a.get(i));
        }
        for (int i = head; i < a.size() - tail; i++) {
            out.add("-" + a.get(i));
        }
        for (int i = head; i < b.size() - tail; i++) {
            out.add("+" + b.get(i));
        }
        for (int i = b.size() - tail; i < Math.min(b.size(), b.size() - tail + CONTEXT); i++) {
            out.add(" " + b.get(i));
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "" : node.isTextual() ? node.asText() : node.toString();
    }

    private static String shown(JsonNode node) {
        return node == null || node.isNull() ? "(none)" : node.isValueNode() ? node.asText() : node.toString();
    }
}
