package io.aiopshub.api;

import org.springframework.stereotype.Component;

import io.aiopshub.ingest.AlertIngestService;
import io.aiopshub.ingest.AlertmanagerPayloadParser;
import io.aiopshub.ingest.GenericEventParser;

/** Bodies of {@code POST /api/v1/alerts/alertmanager} and {@code POST /api/v1/events}. */
@Component("ingestApi")
public class IngestApi {

    private final AlertmanagerPayloadParser alertmanager;
    private final GenericEventParser events;
    private final AlertIngestService ingest;
    private final JsonBodies json;

    public IngestApi(AlertmanagerPayloadParser alertmanager, GenericEventParser events, AlertIngestService ingest,
                     JsonBodies json) {
        this.alertmanager = alertmanager;
        this.events = events;
        this.ingest = ingest;
        this.json = json;
    }

    public String alertmanager(byte[] body) {
        return json.write(ingest.accept(alertmanager.parse(body)).toResponse());
    }

    public String events(byte[] body) {
        return json.write(ingest.accept(events.parse(body)).toResponse());
    }
}
