package io.aiopshub.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * One validated alert or event, whatever its source, before it is stored.
 *
 * @param endsAt null while firing with no end announced
 */
public record IncomingAlert(String source, String status, Map<String, String> labels,
                            Map<String, String> annotations, Instant startsAt, Instant endsAt,
                            String generatorUrl) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public boolean isFiring() {
        return FIRING.equals(status);
    }
}
