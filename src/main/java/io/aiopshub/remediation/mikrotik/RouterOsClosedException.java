package io.aiopshub.remediation.mikrotik;

/** The router closed the connection before it finished answering (what a reboot looks like). */
public class RouterOsClosedException extends RouterOsException {

    private static final long serialVersionUID = 1L;

    public RouterOsClosedException(String message) {
        super(message);
    }
}
