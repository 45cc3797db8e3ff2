package io.aiopshub.console;

import java.io.IOException;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The incident list's event stream ({@code text/event-stream}): a {@code changed} event whenever incidents
 * change. It carries no incident data, so it needs no filters and shows nothing a page would not.
 */
@RestController
public class IncidentEventsController {

    /** The stream's path; the console's security chain answers 401 here instead of redirecting to the login page. */
    public static final String PATH = "/console/incidents/events";

    private final IncidentStreams streams;
    private final ConsoleLiveProperties properties;

    public IncidentEventsController(IncidentStreams streams, ConsoleLiveProperties properties) {
        this.streams = streams;
        this.properties = properties;
    }

    @GetMapping(PATH)
    ResponseEntity<SseEmitter> events() throws IOException {
        return streams.open()
                .map(stream -> ResponseEntity.ok()
                        .contentType(MediaType.TEXT_EVENT_STREAM)
                        .cacheControl(CacheControl.noStore())
                        // nginx would otherwise buffer the stream and deliver events late, in bursts.
                        .header("X-Accel-Buffering", "no")
                        .body(stream))
                // EventSource does not reconnect after a 503: the page polls instead (aiops.console.live.fallback-poll).
                .orElseGet(() -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header("Retry-After", String.valueOf(properties.getStreamTimeout().toSeconds()))
                        .build());
    }
}
