package io.aiopshub.redact;

import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A precompiled pattern plus how to rewrite each match. Returning {@code match.group()} from the
 * replacer leaves the match untouched, which is how rules veto false positives such as non-Luhn digit runs.
 */
record PatternRule(String name, Pattern pattern, Function<MatchResult, String> replacer) implements RedactionRule {

    static PatternRule mask(String name, Pattern pattern, String kind) {
        String marker = Markers.of(kind);
        return new PatternRule(name, pattern, m -> marker);
    }

    @Override
    public String apply(String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        matcher.reset();
        return matcher.replaceAll(m -> Matcher.quoteReplacement(replacer.apply(m)));
    }
}
