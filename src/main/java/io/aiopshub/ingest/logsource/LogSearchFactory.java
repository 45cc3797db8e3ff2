package io.aiopshub.ingest.logsource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the search for a source's next page, the same for Elasticsearch and OpenSearch: documents in
 * settled time (after the checkpoint or the look-back, before now minus the settle delay), of the
 * source's service, errors only unless configured otherwise, sorted by timestamp then tiebreak, and
 * continuing after the checkpoint's sort values. Fields missing from some index sort as unmapped
 * instead of failing the search.
 */
@Component
public class LogSearchFactory {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LogSourceProperties properties;

    public LogSearchFactory(LogSourceProperties properties) {
        this.properties = properties;
    }

    /** The search, or null when no settled time is left to read. */
    public LogSearch next(String service, String indices, LogSourceCheckpoint checkpoint, Instant now) {
        Instant from = checkpoint == null ? now.minus(properties.getLookback()) : checkpoint.timestamp();
        Instant until = now.minus(properties.getSettleDelay());
        if (!from.isBefore(until)) {
            return null;
        }
        ArrayNode filter = NODES.arrayNode();
        ObjectNode range = filter.addObject().putObject("range").putObject(properties.getFields().getTimestamp());
        range.put("gte", from.toEpochMilli());
        range.put("lt", until.toEpochMilli());
        range.put("format", "epoch_millis");
        if (!service.isBlank()) {
            filter.add(anyOf(properties.getFields().getService(), List.of(service), null));
        }
        if (properties.isErrorsOnly()) {
            filter.add(anyOf(properties.getFields().getLevel(), properties.getErrorLevels(), properties.getErrorWords()));
        }
        ObjectNode body = NODES.objectNode();
        body.putObject("query").putObject("bool").set("filter", filter);
        ArrayNode sort = body.putArray("sort");
        // numeric_type date: sort values in epoch milliseconds even where the field is date_nanos
        sort.addObject().putObject(properties.getFields().getTimestamp()).put("order", "asc").put("unmapped_type", "date")
                .put("numeric_type", "date");
        ObjectNode tiebreak = sort.addObject().putObject(properties.getTiebreakField()).put("order", "asc");
        if (!properties.getTiebreakField().startsWith("_")) {
            tiebreak.put("unmapped_type", "keyword");
        }
        if (checkpoint != null) {
            ArrayNode after = body.putArray("search_after");
            checkpoint.searchAfter().forEach(value -> after.addPOJO(value));
        }
        body.put("size", properties.getPageSize());
        body.put("track_total_hits", false);
        return new LogSearch(indices(service, indices), body, checkpoint == null ? List.of() : checkpoint.searchAfter());
    }

    /** The configured index patterns, or the defaults for the service: {service}-*, logs-{service}-*, filebeat-*. */
    static List<String> indices(String service, String indices) {
        if (!indices.isBlank()) {
            return Arrays.stream(indices.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(s -> s.replace("{service}", service)).toList();
        }
        return service.isBlank() ? List.of("logs-*", "filebeat-*")
                : List.of(service + "-*", "logs-" + service + "-*", "filebeat-*");
    }

    /** One of the fields has one of the values, or (when words are given) the message has one of the words. */
    private ObjectNode anyOf(List<String> fields, List<String> values, List<String> words) {
        ArrayNode should = NODES.arrayNode();
        for (String field : fields) {
            ArrayNode terms = should.addObject().putObject("terms").putArray(field);
            values.forEach(terms::add);
        }
        if (words != null && !words.isEmpty()) {
            for (String field : properties.getFields().getMessage()) {
                should.addObject().putObject("match").putObject(field).put("query", String.join(" ", words));
            }
        }
        ObjectNode bool = NODES.objectNode();
        ObjectNode inner = bool.putObject("bool");
        inner.set("should", should);
        inner.put("minimum_should_match", 1);
        return bool;
    }
}
