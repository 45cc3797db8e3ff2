package io.aiopshub.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a metric tag that clients choose (the event {@code source}) from creating series without
 * bound: known values pass, then the first {@code maxOthers} unknown ones, then everything is
 * {@code other}. An authenticated client can add at most that many series, once.
 */
public final class BoundedTagValues {

    public static final String OTHER = "other";

    private final Set<String> known;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final int maxOthers;

    public BoundedTagValues(Set<String> known, int maxOthers) {
        this.known = Set.copyOf(known);
        this.maxOthers = maxOthers;
    }

    public String of(String value) {
        if (value == null) {
            return "unknown";
        }
        if (known.contains(value) || admitted.contains(value)) {
            return value;
        }
        // A race may admit one or two beyond the bound; the bound is about thousands, not exactness.
        if (admitted.size() < maxOthers) {
            admitted.add(value);
            return value;
        }
        return OTHER;
    }
}
