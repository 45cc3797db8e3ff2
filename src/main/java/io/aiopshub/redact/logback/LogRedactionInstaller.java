package io.aiopshub.redact.logback;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import ch.qos.logback.classic.LoggerContext;
import io.aiopshub.redact.Redactor;

/**
 * Hands the configured redactor ({@code aiops.redaction.*}) to the logging converters at start-up, and
 * takes it back when the application stops (another application in the same JVM, such as a test's next
 * context, then installs its own; in between the converters fall back to the default rules).
 */
public class LogRedactionInstaller implements DisposableBean {

    private final LoggerContext context;
    private final Redactor redactor;

    public LogRedactionInstaller(Redactor redactor) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        this.context = factory instanceof LoggerContext logback ? logback : null;
        this.redactor = redactor;
        if (context != null) {
            LogRedaction.install(context, redactor);
        }
    }

    @Override
    public void destroy() {
        if (context != null && context.getObject(LogRedaction.CONTEXT_KEY) == redactor) {
            context.removeObject(LogRedaction.CONTEXT_KEY);
        }
    }
}
