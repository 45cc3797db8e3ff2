package io.aiopshub.chat.question;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A catalog action the model suggested in its answer; the hub turns it into a proposal awaiting approval, or not. */
public record ProposedAction(String actionId, Map<String, Object> parameters, String incidentId, String reason) {

    public ProposedAction {
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
