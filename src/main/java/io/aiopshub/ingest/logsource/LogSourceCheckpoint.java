package io.aiopshub.ingest.logsource;

import java.time.Instant;
import java.util.List;

/**
 * Where a source's reading stopped: the sort values of the last document analysed (timestamp in epoch
 * milliseconds, then the tiebreak), which the next search continues after.
 */
public record LogSourceCheckpoint(String source, Instant timestamp, List<Object> searchAfter, long lines) {
}
