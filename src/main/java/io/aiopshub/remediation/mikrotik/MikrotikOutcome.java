package io.aiopshub.remediation.mikrotik;

import java.util.List;
import java.util.Map;

/**
 * What an operation found or did, before it becomes the executor's answer.
 *
 * @param details lines for the output: current entries, what would be sent, what changed
 * @param state   facts for later phases of the run (the entry id added, the interface's state before)
 */
public record MikrotikOutcome(boolean succeeded, String summary, List<String> details, Map<String, String> state) {

    public MikrotikOutcome {
        details = List.copyOf(details);
        state = Map.copyOf(state);
    }

    static MikrotikOutcome success(String summary, List<String> details) {
        return new MikrotikOutcome(true, summary, details, Map.of());
    }

    static MikrotikOutcome failure(String summary, List<String> details) {
        return new MikrotikOutcome(false, summary, details, Map.of());
    }

    MikrotikOutcome withState(Map<String, String> more) {
        return new MikrotikOutcome(succeeded, summary, details, more);
    }
}
