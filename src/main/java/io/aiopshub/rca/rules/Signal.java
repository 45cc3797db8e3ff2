package io.aiopshub.rca.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One classified piece of evidence about one service: an alert, a log template or a change, with the
 * category it stands for and how strongly it points at that service as the root.
 *
 * @param service the service it is about; empty when only a host is known
 * @param kind    {@code alert}, {@code template} or {@code change} (the evidence kinds of the answer schema)
 * @param quote   the evidence itself, quoted for the root-cause text
 * @param ref     alert fingerprint, template id or change id
 * @param targets services or hosts the evidence names as something this service calls
 * @param rule    the alert rule that classified it (for actions); null for templates and changes
 */
record Signal(String service, String host, String kind, String ruleId, String category, double weight, String severity,
              String finding, String explanation, String quote, String ref, Instant at, Set<String> targets,
              AnalystRule rule, Map<String, String> labels) {

    Signal {
        service = service == null ? "" : service;
        host = host == null ? "" : host;
        targets = targets == null ? Set.of() : Set.copyOf(targets);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    Signal attributedTo(String newService) {
        return new Signal(newService, host, kind, ruleId, category, weight, severity, finding, explanation, quote, ref, at,
                targets, rule, labels);
    }
}
