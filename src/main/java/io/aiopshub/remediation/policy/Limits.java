package io.aiopshub.remediation.policy;

/**
 * The blast-radius limits checked before a run starts.
 *
 * @param maxConcurrentRuns          runs in {@code running} or {@code verifying} at once; over it a run waits
 * @param maxRunsPerTargetPerHour    runs started on one target in the last hour, any action; over it: refused
 * @param maxTargetsPerActionPerHour different targets one action started on in the last hour; a further
 *                                   target is refused
 */
public record Limits(int maxConcurrentRuns, int maxRunsPerTargetPerHour, int maxTargetsPerActionPerHour) {

    public static final Limits DEFAULTS = new Limits(3, 3, 5);
}
