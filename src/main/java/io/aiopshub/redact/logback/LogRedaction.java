package io.aiopshub.redact.logback;

import ch.qos.logback.core.Context;
import io.aiopshub.redact.Redactor;

/**
 * Where the logging converters find the {@link Redactor}. Logback creates its converters itself, long
 * before Spring starts, so they cannot be injected: the redactor is kept among the objects of the logback
 * {@link Context} (not in a static field). Until the application installs the configured one at start-up
 * ({@link LogRedactionInstaller}), and after it stops, the converters use one built from the default
 * rules, so nothing is ever logged unredacted, not even during start-up.
 */
public final class LogRedaction {

    /** Key of the configured redactor among the logback context's objects. */
    public static final String CONTEXT_KEY = "io.aiopshub.redact.Redactor";
    /** Key of the default-rules redactor, built once per logging context on first use. */
    static final String DEFAULTS_KEY = "io.aiopshub.redact.Redactor.defaults";

    private LogRedaction() {
    }

    /** The redactor for this logging context: the installed one, else one from the default rules. */
    public static Redactor redactor(Context context) {
        if (context.getObject(CONTEXT_KEY) instanceof Redactor installed) {
            return installed;
        }
        if (context.getObject(DEFAULTS_KEY) instanceof Redactor defaults) {
            return defaults;
        }
        // Two converters racing here build two equal redactors; either one is fine.
        Redactor defaults = new Redactor();
        context.putObject(DEFAULTS_KEY, defaults);
        return defaults;
    }

    /** Makes {@code redactor} the one every converter of {@code context} uses from now on. */
    public static void install(Context context, Redactor redactor) {
        context.putObject(CONTEXT_KEY, redactor);
    }
}
