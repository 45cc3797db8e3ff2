package io.aiopshub.analysis.logs;

import java.util.ArrayList;
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
    private static final Pattern HEX = Pattern.compile("(0x)?[0-9a-fA-F]{6,}");
    private static final Pattern PATH = Pattern.compile("(/[^/\\s]+){2,}/?");
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://\\S+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Inside a token, the separator that glues a key to its value ({@code user=root}). */
    private static final Pattern KEY_VALUE = Pattern.compile("=+");

    private LogMasker() { }

    static List<String> tokens(String content) {
        List<String> tokens = new ArrayList<>();
        for (String word : WHITESPACE.split(content.trim())) {
            // A URL or path stays one token however many '=' its query has: its pieces are not words.
            if (word.indexOf('/') >= 0 || word.indexOf('?') >= 0) {
                add(tokens, word);
                continue;
            }
            for (String token : KEY_VALUE.split(word)) {
                add(tokens, token);
            }
        }
        return tokens;
    }

    private static void add(List<String> tokens, String raw) {
        // Trailing list punctuation belongs to the sentence, not to the word: "GB," is "GB".
        String token = raw.endsWith(",") || raw.endsWith(";") ? raw.substring(0, raw.length() - 1) : raw;
        if (!token.isEmpty()) {
            tokens.add(isVariable(token) ? WILDCARD : token);
        }
    }

    /** Day and month names are parts of timestamps; empty brackets are an empty value. */
    private static final Pattern TIME_WORD_OR_EMPTY = Pattern.compile(
            "(?i)(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\\(\\)|\\[\\]|\\{\\}|''|\"\"");

    static boolean isVariable(String token) {
        if (TIME_WORD_OR_EMPTY.matcher(token).matches()) {
            return true;
        }
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        if (token.length() >= 6 && HEX.matcher(token).matches() && !token.chars().allMatch(Character::isLetter)) {
            return true;
        }
        return UUID.matcher(token).matches() || URL.matcher(token).matches() || PATH.matcher(token).matches();
    }
}
