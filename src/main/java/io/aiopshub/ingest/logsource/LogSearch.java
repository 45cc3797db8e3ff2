package io.aiopshub.ingest.logsource;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A search for the next page of a source's log lines, before it is put in a backend client's types:
 * the index patterns and the search body (query, sort, {@code search_after}, size), which both
 * Elasticsearch and OpenSearch read the same way; and the checkpoint's sort values it continues after
 * ({@code basis}, empty on the first page), which the answer's page must move the checkpoint from.
 */
public record LogSearch(List<String> indices, ObjectNode body, List<Object> basis) {
}
