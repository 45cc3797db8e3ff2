package io.aiopshub.remediation.ssh;

/**
 * What known_hosts says about the key a host presented.
 *
 * @param presentedType        key type the host presented, e.g. ssh-ed25519
 * @param presentedFingerprint its SHA256 fingerprint, {@code SHA256:...} as ssh-keygen -lf prints it
 * @param expectedFingerprint  the fingerprint of the known_hosts entry that decides (null when unknown)
 * @param line                 that entry's line number (0 when unknown)
 * @param problem              why known_hosts could not be read (null when it could)
 */
record HostKeyVerdict(Status status, String host, int port, String presentedType, String presentedFingerprint,
                      String expectedType, String expectedFingerprint, int line, String file, String problem) {

    enum Status { MATCH, MISMATCH, UNKNOWN }

    boolean matches() {
        return status == Status.MATCH;
    }

    /** One sentence for the summary, naming the host and the fingerprint seen. */
    String sentence() {
        String presented = presentedType + " " + presentedFingerprint;
        return switch (status) {
            case MATCH -> "host key of " + host + ":" + port + " (" + presented + ") matches known_hosts line " + line;
            case MISMATCH -> "host key of " + host + ":" + port + " does not match known_hosts: the host presents " + presented
                    + ", line " + line + " of " + file + " has " + expectedType + " " + expectedFingerprint
                    + " (the host was reinstalled, or someone is in between: check out of band before changing known_hosts)";
            case UNKNOWN -> "host key of " + host + ":" + port + " is unknown: the host presents " + presented
                    + (problem != null ? ", and known_hosts " + file + " cannot be read: " + problem
                    : ", which " + file + " has no entry for (check the fingerprint out of band, then add the host's line)");
        };
    }
}
