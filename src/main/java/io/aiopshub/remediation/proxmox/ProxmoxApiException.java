package io.aiopshub.remediation.proxmox;

/** A call to the Proxmox API that did not get a usable answer; the message is meant for an operator. */
class ProxmoxApiException extends Exception {

    private final boolean unanswered;

    ProxmoxApiException(String message) {
        this(message, false);
    }

    /** @param unanswered the request may have reached Proxmox, but no answer came back in time */
    ProxmoxApiException(String message, boolean unanswered) {
        super(message);
        this.unanswered = unanswered;
    }

    boolean unanswered() {
        return unanswered;
    }
}
