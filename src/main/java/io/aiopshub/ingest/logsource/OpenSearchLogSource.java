package io.aiopshub.ingest.logsource;

import java.io.StringReader;
import java.util.List;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.json.stream.JsonParser;

import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.search.HitsMetadata;

/**
 * A {@link LogSearch} in the opensearch-java client's types, and its answer back. OpenSearch has its
 * own path because the Elasticsearch client's compatibility headers are refused by OpenSearch.
 */
@Component("opensearchLogSource")
public class OpenSearchLogSource {

    private final LogSourcePoller poller;
    private final JacksonJsonpMapper mapper = new JacksonJsonpMapper();

    public OpenSearchLogSource(LogSourcePoller poller) {
        this.poller = poller;
    }

    /** The next page's request, or null when nothing is settled yet. */
    public SearchRequest.Builder request(String source, String service, String indices) {
        LogSearch search = poller.next(source, service, indices);
        if (search == null) {
            return null;
        }
        Query query;
        try (JsonParser parser = mapper.jsonProvider().createParser(new StringReader(search.query().toString()))) {
            query = Query._DESERIALIZER.deserialize(parser, mapper);
        }
        SearchRequest.Builder request = new SearchRequest.Builder()
                .index(search.indices())
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(search.size())
                .trackTotalHits(t -> t.enabled(false))
                .query(query);
        for (int i = 0; i < search.sortFields().size(); i++) {
            String field = search.sortFields().get(i);
            String unmapped = i == 0 ? "date" : "keyword";
            request.sort(s -> s.field(f -> field.startsWith("_") ? f.field(field).order(SortOrder.Asc)
                    : f.field(field).order(SortOrder.Asc).unmappedType(
                            org.opensearch.client.opensearch._types.mapping.FieldType._DESERIALIZER.parse(unmapped))));
        }
        if (!search.searchAfter().isEmpty()) {
            request.searchAfter(search.searchAfter().stream().map(OpenSearchLogSource::value).toList());
        }
        return request;
    }

    /** Analyses the page (number {@code page} of this poll); true when the next one should be read now. */
    public boolean accept(String source, String service, HitsMetadata<JsonNode> hits, int page) {
        List<SourceHit> lines = hits.hits().stream()
                .map(hit -> new SourceHit(hit.id(), hit.source(), hit.sort().stream().map(OpenSearchLogSource::plain).toList()))
                .toList();
        return poller.accept(source, service, lines, page);
    }

    private static Object plain(FieldValue value) {
        return value._get();
    }

    private static FieldValue value(Object value) {
        if (value instanceof Number number) {
            return number instanceof Double || number instanceof Float ? FieldValue.of(number.doubleValue())
                    : FieldValue.of(number.longValue());
        }
        if (value instanceof Boolean bool) {
            return FieldValue.of(bool);
        }
        return FieldValue.of(String.valueOf(value));
    }
}
