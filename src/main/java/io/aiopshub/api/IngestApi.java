package io.aiopshub.api;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.correlation.ChangeEvents;
import io.aiopshub.ingest.AlertIngestService;
import io.aiopshub.ingest.AlertmanagerPayloadParser;
import io.aiopshub.ingest.ChangeEventParser;
import io.aiopshub.ingest.GenericEventParser;
import io.aiopshub.ingest.StrictJson;

/**
 * Bodies of {@code POST /api/v1/alerts/alertmanager} and {@code POST /api/v1/events}. An event with
 * {@code "kind": "change"} (a deploy, a config change) is a change event: evidence for the correlation,
 * not an alert.
 */
@Component("ingestApi")
public class IngestApi {

    private final AlertmanagerPayloadParser alertmanager;
    private final GenericEventParser events;
    private final ChangeEventParser changeParser;
    private final ChangeEvents changes;
    private final AlertIngestService ingest;
    private final JsonBodies json;

    public IngestApi(AlertmanagerPayloadParser alertmanager, GenericEventParser events, ChangeEventParser changeParser,
                     ChangeEvents changes, AlertIngestService ingest, JsonBodies json) {
        this.alertmanager = alertmanager;
        this.events = events;
        this.changeParser = changeParser;
        this.changes = changes;
        this.ingest = ingest;
        this.json = json;
    }

    public String alertmanager(byte[] body) {
        return json.write(ingest.accept(alertmanager.parse(body)).toResponse());
    }

    public String events(byte[] body) {
        JsonNode root = StrictJson.read(body);
        if (ChangeEventParser.isChange(root)) {
            List<String> ids = changes.accept(changeParser.parse(root), ChangeEvents.POSTED);
            return json.write(Map.of("status", "accepted", "received", ids.size(), "changes", ids));
        }
        return json.write(ingest.accept(events.parse(root)).toResponse());
    }
}
