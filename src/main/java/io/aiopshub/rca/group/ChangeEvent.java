package io.aiopshub.rca.group;

import java.time.Instant;
import java.util.Map;

/**
 * Something people or tools changed: a deploy, a config change, a scale-out ({@code POST /api/v1/events}
 * with {@code kind: change}, or deploy annotations on alerts). Texts are redacted before they get here.
 *
 * @param type what changed, free text from the sender ({@code deploy}, {@code config}, ...)
 */
public record ChangeEvent(String id, String service, String host, String type, String summary, Instant at,
                          Map<String, String> labels) {

    public ChangeEvent {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
