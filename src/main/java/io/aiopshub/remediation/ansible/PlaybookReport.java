package io.aiopshub.remediation.ansible;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the {@code ansible.posix.json} stdout callback printed: the per-host recap ({@code stats}) and
 * every task's result per host ({@code plays[].tasks[].hosts}), loop items included.
 */
record PlaybookReport(Map<String, HostStats> stats, List<TaskResult> results) {

    private static final ObjectMapper JSON = new ObjectMapper();

    PlaybookReport {
        stats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stats));
        results = List.copyOf(results);
    }

    /** One host's line of the recap. */
    record HostStats(int ok, int changed, int failures, int unreachable, int skipped, int rescued, int ignored) {

        /** Whether any task ran (or was skipped) on the host: all zero means no play touched it. */
        boolean touched() {
            return ok + changed + failures + unreachable + skipped + rescued + ignored > 0;
        }
    }

    /**
     * One task's result on one host; a loop's items are in {@code items}, each with its {@code label}.
     *
     * @param diffs the {@code diff} entries (before/after or prepared), as the module gave them
     */
    record TaskResult(String task, String host, String label, boolean changed, boolean failed, boolean unreachable,
                      boolean skipped, String message, String stderr, List<JsonNode> diffs, List<TaskResult> items) {

        TaskResult {
            diffs = List.copyOf(diffs);
            items = List.copyOf(items);
        }
    }

    /** The report, or empty when stdout is not the callback's JSON (nothing printed, or another callback). */
    static Optional<PlaybookReport> parse(String stdout) {
        if (stdout == null || stdout.isBlank()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            // Anything a plugin printed before the document (a stray warning) is not part of it.
            int start = stdout.indexOf('{');
            root = start < 0 ? null : JSON.readTree(stdout.substring(start));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || !root.has("stats")) {
            return Optional.empty();
        }
        Map<String, HostStats> stats = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("stats").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> host = it.next();
            JsonNode s = host.getValue();
            stats.put(host.getKey(), new HostStats(s.path("ok").asInt(), s.path("changed").asInt(),
                    s.path("failures").asInt(), s.path("unreachable").asInt(), s.path("skipped").asInt(),
                    s.path("rescued").asInt(), s.path("ignored").asInt()));
        }
        List<TaskResult> results = new ArrayList<>();
        for (JsonNode play : root.path("plays")) {
            for (JsonNode task : play.path("tasks")) {
                String name = task.path("task").path("name").asText("");
                for (Iterator<Map.Entry<String, JsonNode>> it = task.path("hosts").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> host = it.next();
                    results.add(result(name, host.getKey(), null, host.getValue()));
                }
            }
        }
        return Optional.of(new PlaybookReport(stats, results));
    }

    private static TaskResult result(String task, String host, String label, JsonNode r) {
        List<JsonNode> diffs = new ArrayList<>();
        JsonNode diff = r.path("diff");
        if (diff.isArray()) {
            diff.forEach(diffs::add);
        } else if (diff.isObject() && !diff.isEmpty()) {
            diffs.add(diff);
        }
        List<TaskResult> items = new ArrayList<>();
        if (r.path("results").isArray()) {
            for (JsonNode item : r.path("results")) {
                String itemLabel = item.has("_ansible_item_label") ? text(item.path("_ansible_item_label"))
                        : text(item.path("item"));
                items.add(result(task, host, itemLabel, item));
            }
        }
        return new TaskResult(task, host, label, r.path("changed").asBoolean(false), r.path("failed").asBoolean(false),
                r.path("unreachable").asBoolean(false), r.path("skipped").asBoolean(false),
                r.path("msg").isMissingNode() || r.path("msg").isNull() ? null : text(r.path("msg")),
                r.path("stderr").isTextual() ? r.path("stderr").asText() : null, diffs, items);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
