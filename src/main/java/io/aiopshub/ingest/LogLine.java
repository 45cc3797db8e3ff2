package io.aiopshub.ingest;

import java.time.Instant;
import java.util.Locale;

/** One log line from a shipper, normalised: which service, how severe, what it says, when. */
public record LogLine(String service, String level, String message, Instant timestamp, String host) {

    /** Error by level, or by wording when the shipper sent no level. */
    public boolean isError() {
        if (level != null) {
            String l = level.toLowerCase(Locale.ROOT);
            return l.startsWith("err") || l.startsWith("crit") || l.startsWith("fatal") || l.startsWith("emerg")
                    || l.startsWith("alert") || l.equals("severe");
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("error") || m.contains("exception") || m.contains("failed") || m.contains("fatal")
                || m.contains("panic");
    }
}
