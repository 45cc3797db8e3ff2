package io.aiopshub.rca.rules;

import java.util.List;

import io.aiopshub.regex.UserRegex;

/**
 * A family of log wordings that mean one kind of fault (config/analyst-rules.yaml, {@code log_patterns}):
 * "No space left on device", "disk quota exceeded"... → resources. Searched in a template and its example
 * lines; the first pattern that fits classifies the template.
 *
 * @param outward true when the wording blames something the service calls (connection refused, DNS):
 *                the service or host the line names is then looked for among the group's services
 */
public record LogPattern(String id, List<UserRegex> match, String category, double weight, String finding,
                         String explanation, boolean outward) {

    public LogPattern {
        match = List.copyOf(match);
    }

    public boolean matches(String text) {
        return text != null && match.stream().anyMatch(r -> r.find(text));
    }
}
