package io.aiopshub.ingest.logsource;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A search for the next page of a source's log lines, before it is written in a backend's client
 * types: indices, the query, the sort keys (ascending), where to continue, and the page size.
 */
public record LogSearch(List<String> indices, ObjectNode query, List<String> sortFields, List<Object> searchAfter,
                        int size) {
}
