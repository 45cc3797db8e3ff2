package io.aiopshub.remediation.policy;

import java.util.List;

/** A remediation policy file that cannot be applied; the message lists every problem, each with its field. */
public class RemediationPolicyException extends IllegalArgumentException {

    private final transient List<String> problems;

    public RemediationPolicyException(String source, List<String> problems) {
        super("Invalid remediation policy " + source + ":\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
