package io.aiopshub.remediation.run;

import java.time.Instant;

/** One entry of a run's own history ({@code action_run_events}); the same entries go on the incident's timeline. */
public record RunEvent(Instant at, String kind, String actor, String detail) { }
