package io.aiopshub.analysis.logs;

import java.time.Instant;

/** A mined template as it is persisted and shown: {@code <*>} marks variable positions. */
public record LogTemplate(String id, String template, long count, Instant firstSeen, Instant lastSeen) { }
