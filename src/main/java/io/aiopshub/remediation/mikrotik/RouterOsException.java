package io.aiopshub.remediation.mikrotik;

/**
 * An expected failure talking to the router (unreachable, TLS, login refused, timeout, a {@code !trap} or
 * {@code !fatal}), with a message meant for an operator. Never carries the password.
 */
public class RouterOsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RouterOsException(String message) {
        super(message);
    }

    public RouterOsException(String message, Throwable cause) {
        super(message, cause);
    }
}
