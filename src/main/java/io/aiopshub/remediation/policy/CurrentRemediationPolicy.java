package io.aiopshub.remediation.policy;

import java.util.concurrent.atomic.AtomicReference;

/** The remediation policy in force; a reload replaces it whole, so one decision never sees half of an edit. */
public class CurrentRemediationPolicy {

    private final AtomicReference<RemediationPolicy> current;

    public CurrentRemediationPolicy(RemediationPolicy initial) {
        this.current = new AtomicReference<>(initial);
    }

    public RemediationPolicy get() {
        return current.get();
    }

    void replace(RemediationPolicy policy) {
        current.set(policy);
    }
}
