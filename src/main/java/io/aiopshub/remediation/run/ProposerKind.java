package io.aiopshub.remediation.run;

import java.util.Locale;

/**
 * Who or what proposed a run: an LLM analysis, a rule of the rule-based analyst, a person, the policy, or a
 * person's chat question answered by an LLM ({@code QUESTION}: such a run always waits for a person's
 * approval, even where an auto-run rule would approve it, so a question can never start anything).
 */
public enum ProposerKind {
    ANALYSIS, RULE, PERSON, POLICY, QUESTION;

    /** Whether an auto-run rule of the policy may approve runs proposed this way. */
    public boolean mayAutoRun() {
        return this != QUESTION;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProposerKind of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
