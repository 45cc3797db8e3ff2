package io.aiopshub.ingest;

import java.time.Instant;
import java.util.Locale;

/** One log line from a shipper, normalised: which service, how severe, what it says, when. */
public record LogLine(String service, String level, String message, Instant timestamp, String host) {

    /**
     * Error by level; when the shipper sent no level, by the level the line carries or how it starts
     * ({@link LogLevels#errorFromLine}); when the line tells neither, by its wording.
     */
    public boolean isError() {
        if (level != null && !level.isBlank()) {
            return LogLevels.isErrorLevel(level);
        }
        Boolean fromLine = LogLevels.errorFromLine(message);
        if (fromLine != null) {
            return fromLine;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("error") || m.contains("exception") || m.contains("failed") || m.contains("fatal")
                || m.contains("panic");
    }
}
