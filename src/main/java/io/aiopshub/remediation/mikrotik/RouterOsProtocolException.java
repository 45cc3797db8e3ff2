package io.aiopshub.remediation.mikrotik;

import java.io.IOException;

/** The router sent bytes that are not the RouterOS API protocol (or more than this client accepts). */
class RouterOsProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    RouterOsProtocolException(String message) {
        super(message);
    }
}
