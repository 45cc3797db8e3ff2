package io.aiopshub.config;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;

/**
 * A Camel consumer's exception handler ({@code exceptionHandler=#bean} on an endpoint) that decides with
 * the exchange when there is one: Camel's two shorter calls come here without it.
 */
public abstract class ConsumerErrorHandler implements ExceptionHandler {

    @Override
    public final void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public final void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    /** {@code message} and {@code exchange} may be null. */
    @Override
    public abstract void handleException(String message, Exchange exchange, Throwable exception);
}
