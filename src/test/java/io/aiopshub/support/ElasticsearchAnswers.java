package io.aiopshub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Search answers as Elasticsearch 8 sends them, with the product header its Java client insists on. */
public final class ElasticsearchAnswers {

    private ElasticsearchAnswers() { }

    /** A search answer whose {@code hits.hits} is the given JSON array (no total: track_total_hits=false). */
    public static ResponseDefinitionBuilder searchAnswer(String hits) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.elasticsearch+json;compatible-with=8")
                .withHeader("X-Elastic-Product", "Elasticsearch")
                .withBody("{\"took\":3,\"timed_out\":false,\"_shards\":{\"total\":2,\"successful\":2,\"skipped\":0,\"failed\":0},"
                        + "\"hits\":{\"max_score\":null,\"hits\":" + hits + "}}");
    }
}
