package io.aiopshub.remediation.run;

/**
 * A person's decision on a run as a channel delivers it.
 *
 * @param person  who decides: the API token's name (chat user ids later); never taken from a request body
 * @param channel {@code api} now; {@code telegram}/{@code slack} later
 * @param comment optional
 */
public record DecisionRequest(String runId, String person, String channel, String comment) { }
