package io.aiopshub.remediation.policy;

import java.time.Duration;

/** The effectiveness breaker opens when one action on one target ended {@code failures} times within {@code window}. */
public record BreakerSettings(int failures, Duration window) {

    public static final BreakerSettings DEFAULTS = new BreakerSettings(3, Duration.ofHours(24));
}
