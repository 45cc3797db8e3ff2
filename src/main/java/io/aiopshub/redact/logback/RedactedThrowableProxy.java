package io.aiopshub.redact.logback;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.aiopshub.redact.Redactor;

/**
 * A throwable as logback prints it, with the message of it, its causes and its suppressed exceptions
 * redacted. Only messages: class names and stack frames such as {@code TokenService.java:42} are code,
 * and redacting them as text would only mangle them.
 */
record RedactedThrowableProxy(IThrowableProxy delegate, Redactor redactor) implements IThrowableProxy {

    static IThrowableProxy of(IThrowableProxy proxy, Redactor redactor) {
        return proxy == null ? null : new RedactedThrowableProxy(proxy, redactor);
    }

    @Override
    public String getMessage() {
        return redactor.redact(delegate.getMessage());
    }

    @Override
    public String getClassName() {
        return delegate.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return delegate.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
        return delegate.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
        return of(delegate.getCause(), redactor);
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        IThrowableProxy[] suppressed = delegate.getSuppressed();
        if (suppressed == null) {
            return null;
        }
        IThrowableProxy[] out = new IThrowableProxy[suppressed.length];
        for (int i = 0; i < suppressed.length; i++) {
            out[i] = of(suppressed[i], redactor);
        }
        return out;
    }

    @Override
    public boolean isCyclic() {
        return delegate.isCyclic();
    }
}
