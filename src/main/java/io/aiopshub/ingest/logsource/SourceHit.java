package io.aiopshub.ingest.logsource;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One search hit, whichever backend answered: its id, its document and its sort values. */
public record SourceHit(String id, JsonNode document, List<Object> sort) {
}
