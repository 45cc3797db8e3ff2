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
    private static final Pattern PATH = Pattern.compile("(/[^/\\s]+){2,}/?");
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://\\S+");
    /** Day and month names are parts of timestamps; empty brackets are an empty value. */
    private static final Pattern TIME_WORD_OR_EMPTY = Pattern.compile(
            "(?i)(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\\(\\)|\\[\\]|\\{\\}|''|\"\"");

    private LogMasker() { }

    /**
     * The message's words (split at whitespace), masked. A word holding a key=value pair is split
     * further at each run of '=' and at an opening bracket ({@code user=root} is {@code user},
     * {@code root}; {@code LOGIN(uid=0)} is {@code LOGIN}, {@code uid}, {@code 0)}), so that a word
     * before the bracket stays a word of its own; other brackets ({@code chdir(pwd)},
     * {@code error(s)}) are part of their word, and URLs and paths stay whole.
     */
    static List<String> tokens(String content) {
        List<String> tokens = new ArrayList<>();
        String text = content.trim();
        int n = text.length();
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
                word(tokens, text.substring(start, i));
            }
        }
        return tokens;
    }

    private static void word(List<String> tokens, String word) {
        // A URL or path stays one token however many '=' its query has: its pieces are not words.
        if (word.indexOf('=') < 0 || word.indexOf('/') >= 0 || word.indexOf('?') >= 0) {
            add(tokens, word);
            return;
        }
        int start = 0;
        for (int i = 0; i <= word.length(); i++) {
            if (i == word.length() || word.charAt(i) == '=' || word.charAt(i) == '(') {
                if (i > start) {
                    add(tokens, word.substring(start, i));
                }
                start = i + 1;
            }
        }
    }

    /** What the regex class {@code \s} matches. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static void add(List<String> tokens, String raw) {
        // Trailing list punctuation belongs to the sentence, not to the word: "GB," is "GB".
        String token = raw.endsWith(",") || raw.endsWith(";") ? raw.substring(0, raw.length() - 1) : raw;
        if (!token.isEmpty()) {
            tokens.add(isVariable(token) ? WILDCARD : token);
        }
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
