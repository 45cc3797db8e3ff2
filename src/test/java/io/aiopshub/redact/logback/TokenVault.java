package io.aiopshub.redact.logback;

/**
 * Throws from a source file whose name looks like a secret key ({@code TokenVault.java:12} reads like
 * {@code token...=value} to a text redactor): stack frames must come out of the log unchanged.
 */
final class TokenVault {

    private TokenVault() {
    }

    static void open(String detail) {
        throw new IllegalStateException("vault refused: " + detail);
    }
}
