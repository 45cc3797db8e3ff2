package io.aiopshub.ingest.logsource;

import java.io.StringReader;
import java.util.List;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.HitsMetadata;

/**
 * A {@link LogSearch} in the Elasticsearch client's types, and its answer back. The request goes to
 * camel-elasticsearch as a {@link SearchRequest.Builder}: that component sends only the {@code query}
 * of a JSON body, and the sort and {@code search_after} are what make the checkpoint work.
 */
@Component("elasticsearchLogSource")
public class ElasticsearchLogSource {

    private final LogSourcePoller poller;

    public ElasticsearchLogSource(LogSourcePoller poller) {
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
        return new SearchRequest.Builder()
                .withJson(new StringReader(search.body().toString()))
                .index(search.indices())
                .ignoreUnavailable(true)
                .allowNoIndices(true);
    }

    /** Analyses the page (number {@code page} of this poll); true when the next one should be read now. */
    public boolean accept(String source, String service, HitsMetadata<JsonNode> hits, int page, List<Object> basis) {
        List<SourceHit> lines = hits.hits().stream()
                .map(hit -> new SourceHit(hit.id(), hit.source(), hit.sort().stream().map(FieldValue::_get).toList()))
                .toList();
        return poller.accept(source, service, lines, page, basis);
    }
}
