package io.aiopshub.remediation.run;

import java.time.Instant;

/** An approval, rejection or cancellation of a run by one person through one channel. */
public record RunDecision(String decidedBy, String channel, String decision, String comment, Instant decidedAt) {

    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";
    public static final String CANCEL = "cancel";
}
