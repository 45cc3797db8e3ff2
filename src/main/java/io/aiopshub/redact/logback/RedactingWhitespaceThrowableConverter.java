package io.aiopshub.redact.logback;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

import ch.qos.logback.classic.spi.IThrowableProxy;

/** {@code %wEx}, Spring Boot's default exception word (blank lines around the trace), with messages redacted. */
public class RedactingWhitespaceThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return super.throwableProxyToString(RedactedThrowableProxy.of(proxy, LogRedaction.redactor(getContext())));
    }
}
