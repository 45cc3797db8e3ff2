package io.aiopshub.remediation.ssh;

/**
 * One remote command the executor runs.
 *
 * @param purpose        what the command is for, in words: "run", "verify check", "rollback"
 * @param command        the exact command line sent, parameter values quoted and wrapped in {@code timeout N}
 * @param timeoutSeconds the N of {@code timeout N}
 */
record SshCall(String purpose, String user, String host, int port, String command, long timeoutSeconds) {

    /** {@code user@host:port}, the way the operator reads it. */
    String destination() {
        return user + "@" + host + ":" + port;
    }

    /** The key a host key fingerprint is kept under in the run's state. */
    String hostKeyStateKey() {
        return "ssh.host-key." + host + ":" + port;
    }
}
