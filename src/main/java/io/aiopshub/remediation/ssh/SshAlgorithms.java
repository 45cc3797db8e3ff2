package io.aiopshub.remediation.ssh;

import java.util.Set;

/**
 * The host and user key algorithms the executor speaks. camel-ssh 4.17 compares a host key with its
 * known_hosts entry byte by byte, and with BouncyCastle on the classpath (it is: camel-ssh needs it) an ECDSA
 * key decoded by the sshd client never equals the one camel-ssh decodes from known_hosts, so every ECDSA host
 * key would be refused. Leaving ECDSA out makes the host present its ed25519 or RSA key instead; the probe uses
 * the same list, so it reads the key camel-ssh will check.
 */
final class SshAlgorithms {

    /** camel-ssh's {@code signatures} option: host key algorithms and user key signatures, in preference order. */
    static final String SIGNATURES = "ssh-ed25519,rsa-sha2-512,rsa-sha2-256";

    /** Key types the private key may have (an ECDSA key could not sign with the algorithms above). */
    static final Set<String> USER_KEY_TYPES = Set.of("ssh-ed25519", "ssh-rsa");

    private SshAlgorithms() { }
}
