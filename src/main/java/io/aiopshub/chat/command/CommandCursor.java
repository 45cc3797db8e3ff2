package io.aiopshub.chat.command;

import java.util.Optional;

/**
 * Reads a command text word by word, as far as a command needs: a word ends at a space outside double
 * quotes ({@code alertname="Disk full"} is one word; {@code \"} escapes a quote inside), and whatever follows
 * the last needed word (a comment, a reason) is taken as typed, quotes and all.
 */
final class CommandCursor {

    private final String text;
    private final String command;
    private int position;

    CommandCursor(String text, String command, int position) {
        this.text = text;
        this.command = command;
        this.position = position;
    }

    /** The next word, raw (quotes kept); empty at the end. */
    Optional<String> next() {
        skipSpaces();
        if (position >= text.length()) {
            return Optional.empty();
        }
        int start = position;
        boolean quoted = false;
        while (position < text.length() && (quoted || !Character.isWhitespace(text.charAt(position)))) {
            char c = text.charAt(position);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && position + 1 < text.length()) {
                position++;
            }
            position++;
        }
        if (quoted) {
            throw new ChatCommandException(command + ": a quote (\") in " + Echo.of(text.substring(start)) + " is not closed");
        }
        return Optional.of(text.substring(start, position));
    }

    /** The next word without taking it. */
    Optional<String> peek() {
        int saved = position;
        try {
            return next();
        } finally {
            position = saved;
        }
    }

    /** Everything after the words taken so far, trimmed; empty when nothing follows. */
    String rest() {
        String rest = text.substring(Math.min(position, text.length())).trim();
        position = text.length();
        return rest;
    }

    boolean atEnd() {
        skipSpaces();
        return position >= text.length();
    }

    /** A word's value without its surrounding quotes ({@code "a b"} → {@code a b}, {@code \"} → {@code "}). */
    static String unquote(String word) {
        if (word.length() >= 2 && word.startsWith("\"") && word.endsWith("\"")) {
            return word.substring(1, word.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return word;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}
