package io.aiopshub.remediation.run;

import java.util.Locale;

/** Who or what proposed a run: an LLM analysis, a rule of the rule-based analyst, a person, or the policy. */
public enum ProposerKind {
    ANALYSIS, RULE, PERSON, POLICY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProposerKind of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
