package io.aiopshub.redact.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m}, {@code %msg}, {@code %message}: the formatted message, arguments included, through the
 * redactor. Registered in {@code logback-spring.xml}, so no call site can log a secret by accident.
 */
public class RedactingMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogRedaction.redactor(getContext()).redact(event.getFormattedMessage());
    }
}
