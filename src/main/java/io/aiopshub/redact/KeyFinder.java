package io.aiopshub.redact;

/**
 * Finds the keys of {@code key=value}, {@code key: value}, {@code key => value} and {@code "key": value}
 * pairs, as the regex
 * {@code (?<![A-Za-z0-9_.])(["']?)([A-Za-z_][A-Za-z0-9_.\-]*)\1[ \t]*(?:=>|[:=])[ \t]*} would (same
 * matches, leftmost first), but by jumping from separator to separator and reading the key backwards:
 * the regex tries every position of the text and cost most of the time of redacting an ordinary log line.
 */
final class KeyFinder {

    private final String text;
    private int start;
    private int nameStart;
    private int nameEnd;
    private int end;
    private boolean quoted;

    KeyFinder(String text) {
        this.text = text;
    }

    /** Finds the first key whose match starts at or after {@code from}; false if there is none. */
    boolean find(int from) {
        for (int separator = nextSeparator(from); separator >= 0; separator = nextSeparator(separator + 1)) {
            if (keyBefore(separator, from)) {
                int after = separator + (text.charAt(separator) == '=' && separator + 1 < text.length()
                        && text.charAt(separator + 1) == '>' ? 2 : 1);
                while (after < text.length() && isBlank(text.charAt(after))) {
                    after++;
                }
                end = after;
                return true;
            }
        }
        return false;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    String name() {
        return text.substring(nameStart, nameEnd);
    }

    /** Whether the key was written in quotes. */
    boolean quoted() {
        return quoted;
    }

    private int nextSeparator(int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':' || c == '=') {
                return i;
            }
        }
        return -1;
    }

    /** Reads the key that ends (before blanks) at {@code separator}; it must start at or after {@code from}. */
    private boolean keyBefore(int separator, int from) {
        int last = separator;
        while (last > from && isBlank(text.charAt(last - 1))) {
            last--;
        }
        if (last <= from) {
            return false;
        }
        char closing = text.charAt(last - 1);
        boolean inQuotes = closing == '"' || closing == '\'';
        int identEnd = inQuotes ? last - 1 : last;
        int runStart = identEnd;
        while (runStart > 0 && isIdentifierPart(text.charAt(runStart - 1))) {
            runStart--;
        }
        if (inQuotes) {
            // The opening quote must sit right before the name, and the match starts at it.
            int open = runStart - 1;
            if (runStart == identEnd || open < from || text.charAt(open) != closing
                    || !isIdentifierStart(text.charAt(runStart)) || (open > 0 && isWordBefore(text.charAt(open - 1)))) {
                return false;
            }
            return found(open, runStart, identEnd, true);
        }
        for (int i = Math.max(runStart, from); i < identEnd; i++) {
            if (isIdentifierStart(text.charAt(i)) && (i == 0 || !isWordBefore(text.charAt(i - 1)))) {
                return found(i, i, identEnd, false);
            }
        }
        return false;
    }

    private boolean found(int matchStart, int keyStart, int keyEnd, boolean inQuotes) {
        start = matchStart;
        nameStart = keyStart;
        nameEnd = keyEnd;
        quoted = inQuotes;
        return true;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    /** A character that may not precede a key: the key would be the tail of a longer word or name. */
    private static boolean isWordBefore(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '.';
    }
}
