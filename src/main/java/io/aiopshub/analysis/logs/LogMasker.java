package io.aiopshub.analysis.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a log message into tokens and replaces the ones that are clearly variable with {@code <*>}
 * before the tree is consulted: numbers, IPs, hex, UUIDs, paths, durations, and any token carrying a
 * digit (ids, counters, timestamps, host names with numbers). Masking before matching is what lets
 * one generic configuration work across systems.
 */
final class LogMasker {

    static final String WILDCARD = "<*>";

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PATH = Pattern.compile("(/[^/\\s]+){2,}/?");
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://\\S+");
    /** Day and month names are parts of timestamps; empty brackets are an empty value. */
    private static final Pattern TIME_WORD_OR_EMPTY = Pattern.compile(
            "(?i)(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\\(\\)|\\[\\]|\\{\\}|''|\"\"");

    private LogMasker() { }

    /** A word of the message's text. */
    static final byte WORD = 0;
    /** The key of a {@code key=value} pair or of a JSON member. */
    static final byte KEY = 1;
    /** The value of a pair or member when it is one word (a quoted phrase is words). */
    static final byte VALUE = 2;

    /**
     * The message's words (split at whitespace), masked. A word holding a key=value pair is split
     * further at each run of '=' and at an opening bracket ({@code user=root} is {@code user},
     * {@code root}; {@code LOGIN(uid=0)} is {@code LOGIN}, {@code uid}, {@code 0)}), so that a word
     * before the bracket stays a word of its own; other brackets ({@code chdir(pwd)},
     * {@code error(s)}) are part of their word, and URLs and paths stay whole. A message that is a
     * JSON object is read as keys, values and the words of its text values.
     */
    static List<String> tokens(String content) {
        return mask(content, true).tokens();
    }

    /** A message's masked tokens and what each one is ({@link #WORD}, {@link #KEY}, {@link #VALUE}). */
    record Masked(List<String> tokens, byte[] kinds) {

        boolean lastIsValue() {
            return kinds.length > 0 && kinds[kinds.length - 1] == VALUE;
        }
    }

    /** The message's tokens, masked; {@code splitKeyValue} false keeps each whitespace-separated word whole. */
    static Masked mask(String content, boolean splitKeyValue) {
        Builder out = new Builder();
        String text = content.trim();
        int n = text.length();
        if (splitKeyValue && n > 1 && text.charAt(0) == '{' && text.charAt(n - 1) == '}' && json(out, text)) {
            return out.build();
        }
        out = new Builder();
        int i = 0;
        while (i < n) {
            while (i < n && isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (splitKeyValue && text.charAt(start) == '[' && text.charAt(i - 1) == ']' && i - start > 2) {
                    // A bracketed field ("[worker-3]", "[alice]") is a header value, like a pair's value.
                    out.add(text.substring(start, i), VALUE);
                } else if (splitKeyValue) {
                    word(out, text.substring(start, i));
                } else {
                    out.add(text.substring(start, i), WORD);
                }
            }
        }
        return out.build();
    }

    private static void word(Builder out, String word) {
        // A URL or path stays one token however many '=' its query has: its pieces are not words.
        if (word.indexOf('=') < 0 || word.indexOf('/') >= 0 || word.indexOf('?') >= 0) {
            out.add(word, WORD);
            return;
        }
        int start = 0;
        boolean afterEquals = false;
        for (int i = 0; i <= word.length(); i++) {
            char c = i == word.length() ? 0 : word.charAt(i);
            if (i == word.length() || c == '=' || c == '(') {
                if (i > start) {
                    String piece = word.substring(start, i);
                    byte kind = c == '=' ? KEY : afterEquals && !opensPhrase(piece) ? VALUE : WORD;
                    out.add(piece, kind);
                }
                afterEquals = c == '=';
                start = i + 1;
            }
        }
    }

    /** {@code msg="cache} starts a quoted phrase whose words follow: those are text, not one value. */
    private static boolean opensPhrase(String value) {
        char quote = value.charAt(0);
        return (quote == '"' || quote == '\'') && (value.length() == 1 || value.charAt(value.length() - 1) != quote);
    }

    /**
     * A JSON object's members in order: each key, then a one-word value or the words of a text value
     * (nested objects and arrays flattened). False when the text is not JSON after all.
     */
    private static boolean json(Builder out, String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                StringBuilder string = new StringBuilder();
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    string.append(text.charAt(i++));
                }
                if (i >= n) {
                    return false;
                }
                i++;
                int next = i;
                while (next < n && isWhitespace(text.charAt(next))) {
                    next++;
                }
                if (next < n && text.charAt(next) == ':') {
                    out.add(string.toString(), KEY);
                } else {
                    phrase(out, string.toString());
                }
            } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':' || isWhitespace(c)) {
                i++;
            } else {
                int start = i;
                while (i < n && ",}] \t\r\n".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(text.substring(start, i), VALUE);
            }
        }
        return true;
    }

    /** A JSON text value: one word is a value, several are the message's words. */
    private static void phrase(Builder out, String value) {
        String trimmed = value.trim();
        boolean words = false;
        for (int i = 0; i < trimmed.length() && !words; i++) {
            words = isWhitespace(trimmed.charAt(i));
        }
        if (!words) {
            out.add(trimmed, VALUE);
            return;
        }
        for (String word : trimmed.split("\\s+")) {
            out.add(word, WORD);
        }
    }

    /** Collects masked tokens and their kinds. */
    private static final class Builder {
        private final List<String> tokens = new ArrayList<>();
        private byte[] kinds = new byte[16];

        void add(String raw, byte kind) {
            // Trailing list punctuation belongs to the sentence, not to the word: "GB," is "GB".
            String token = raw.endsWith(",") || raw.endsWith(";") ? raw.substring(0, raw.length() - 1) : raw;
            if (token.isEmpty()) {
                return;
            }
            if (tokens.size() == kinds.length) {
                kinds = Arrays.copyOf(kinds, kinds.length * 2);
            }
            kinds[tokens.size()] = kind;
            tokens.add(isVariable(token) ? WILDCARD : token);
        }

        Masked build() {
            return new Masked(tokens, Arrays.copyOf(kinds, tokens.size()));
        }
    }

    /** What the regex class {@code \s} matches. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * Cheap tests first, the patterns only for tokens that can match them. Hex values are covered by
     * the digit test: a hex run without a digit is a plain word ("facade", "deadbeef" as text).
     */
    static boolean isVariable(String token) {
        int length = token.length();
        for (int i = 0; i < length; i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        if ((length == 2 || length == 3) && TIME_WORD_OR_EMPTY.matcher(token).matches()) {
            return true;
        }
        if (length == 36 && UUID.matcher(token).matches()) {
            return true;
        }
        int slash = token.indexOf('/');
        if (slash < 0) {
            return false;
        }
        return token.contains("://") ? URL.matcher(token).matches() : PATH.matcher(token).matches();
    }
}
