package io.aiopshub.remediation.run;

/** The run a proposal stands for, and whether this proposal created it (false: a retry found it). */
public record ProposalOutcome(ActionRun run, boolean created) { }
