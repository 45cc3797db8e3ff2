package io.aiopshub.redact.logback;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** {@code %ex}, {@code %xEx} and their long names: the stack trace with every exception message redacted. */
public class RedactingThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return super.throwableProxyToString(RedactedThrowableProxy.of(proxy, LogRedaction.redactor(getContext())));
    }
}
