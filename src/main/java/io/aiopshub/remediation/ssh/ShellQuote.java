package io.aiopshub.remediation.ssh;

/** POSIX shell quoting of one word. */
final class ShellQuote {

    private ShellQuote() { }

    /**
     * The value in single quotes, so the remote shell passes it as one literal argument: nothing inside is
     * expanded, and a single quote is written as {@code '\''} (close, escaped quote, reopen).
     */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
