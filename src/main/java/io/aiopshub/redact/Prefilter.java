package io.aiopshub.redact;

import java.util.function.Predicate;

/**
 * Cheap tests that say when a rule cannot match, so its regex is not run at all. Every rule's regex
 * scans the whole text position by position; on ordinary log lines, where nearly every rule finds
 * nothing, a plain {@code indexOf} for a literal the match must contain saves most of the time. Each
 * prefilter must accept every text its rule could change (a superset), never fewer.
 */
final class Prefilter {

    private Prefilter() {
    }

    /** Wraps {@code rule} so it only runs when {@code mayMatch} accepts the text. */
    static RedactionRule when(Predicate<String> mayMatch, RedactionRule rule) {
        return text -> mayMatch.test(text) ? rule.apply(text) : text;
    }

    /** The text contains at least one of {@code needles}, exactly as written. */
    static Predicate<String> contains(String... needles) {
        return text -> {
            for (String needle : needles) {
                if (text.contains(needle)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The text contains {@code lowerCaseNeedle} in any mix of case (ASCII needles). */
    static Predicate<String> containsIgnoringCase(String lowerCaseNeedle) {
        char lower = lowerCaseNeedle.charAt(0);
        char upper = Character.toUpperCase(lower);
        char secondLower = lowerCaseNeedle.charAt(1);
        char secondUpper = Character.toUpperCase(secondLower);
        int length = lowerCaseNeedle.length();
        return text -> {
            for (int i = 0, last = text.length() - length; i <= last; i++) {
                char c = text.charAt(i);
                // Two characters compared by hand first: the full comparison is only worth it on a likely hit.
                if ((c == lower || c == upper) && (text.charAt(i + 1) == secondLower || text.charAt(i + 1) == secondUpper)
                        && text.regionMatches(true, i, lowerCaseNeedle, 0, length)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The text has {@code digits} digits in a row, a single space or dash allowed between two of them. */
    static Predicate<String> digitRun(int digits) {
        return text -> {
            int run = 0;
            char previous = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    if (++run >= digits) {
                        return true;
                    }
                } else if (!((c == ' ' || c == '-') && previous >= '0' && previous <= '9')) {
                    run = 0;
                }
                previous = c;
            }
            return false;
        };
    }
}
