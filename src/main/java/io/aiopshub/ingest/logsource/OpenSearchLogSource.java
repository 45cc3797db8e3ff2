package io.aiopshub.ingest.logsource;

import java.io.StringReader;
import java.util.List;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.json.stream.JsonParser;

import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch._types.FieldValue;
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

    /**
     * The next page's request, or null when nothing is settled yet. The checkpoint it continues after
     * goes into the exchange property {@value LogSourcePoller#BASIS} for {@link #accept}.
     */
    public SearchRequest.Builder request(String source, String service, String indices, Exchange exchange) {
        LogSearch search = poller.next(source, service, indices);
        if (search == null) {
            return null;
        }
        exchange.setProperty(LogSourcePoller.BASIS, search.basis());
        try (JsonParser parser = mapper.jsonProvider().createParser(new StringReader(search.body().toString()))) {
            return SearchRequest._DESERIALIZER.deserialize(parser, mapper).toBuilder()
                    .index(search.indices())
                    .ignoreUnavailable(true)
                    .allowNoIndices(true);
        }
    }

    /** Analyses the page (number {@code page} of this poll); true when the next one should be read now. */
    public boolean accept(String source, String service, HitsMetadata<JsonNode> hits, int page, List<Object> basis) {
        List<SourceHit> lines = hits.hits().stream()
                .map(hit -> new SourceHit(hit.id(), hit.source(), hit.sort().stream().map(FieldValue::_get).toList()))
                .toList();
        return poller.accept(source, service, lines, page, basis);
    }
}
