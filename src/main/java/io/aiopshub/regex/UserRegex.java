package io.aiopshub.regex;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A regex that came from a user or a config file (silence and routing matchers, inhibit rules, analyst
 * rules, action parameter patterns, extra redaction patterns). It runs on RE2/J, whose matching time is
 * linear in the input, as Alertmanager's RE2: a pattern such as {@code ((a+)*)+b} cannot stall a thread
 * the way it does with java.util.regex. The syntax is RE2's, which is what Alertmanager users write;
 * backreferences and lookaround are refused. Compiled programs are bounded too, because RE2/J
 * expands counted repetitions without a limit of its own.
 */
public final class UserRegex {

    /** Largest compiled program accepted (RE2/J instructions); matching costs up to this per input character. */
    public static final int MAX_PROGRAM_SIZE = 2_000;
    /** Longest regex text looked at at all; the size estimate scans the text. */
    public static final int MAX_LENGTH = 65_536;
    /** Estimates beyond this are refused without compiling (compiling could exhaust the heap). */
    private static final long MAX_ESTIMATE = 50_000;

    private final String source;
    private final Pattern pattern;

    private UserRegex(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /** Compiles {@code regex} as given; {@link #find} looks for it anywhere in a text. */
    public static UserRegex compile(String regex) {
        return new UserRegex(regex, checkedCompile(regex, regex));
    }

    /**
     * Compiles {@code regex} anchored at both ends, as Alertmanager does with matcher values
     * ({@code ^(?:value)$}).
     */
    public static UserRegex anchored(String regex) {
        return new UserRegex(regex, checkedCompile("^(?:" + regex + ")$", regex));
    }

    private static Pattern checkedCompile(String text, String asWritten) {
        if (asWritten == null) {
            throw new InvalidRegexException("no regex given");
        }
        if (asWritten.length() > MAX_LENGTH) {
            throw new InvalidRegexException("longer than " + MAX_LENGTH + " characters");
        }
        if (RegexSize.estimate(text) > MAX_ESTIMATE) {
            throw tooComplex();
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new InvalidRegexException("not valid RE2 syntax: " + e.getDescription());
        }
        if (pattern.programSize() > MAX_PROGRAM_SIZE) {
            throw tooComplex();
        }
        return pattern;
    }

    private static InvalidRegexException tooComplex() {
        return new InvalidRegexException("too complex: its repetitions expand to more than " + MAX_PROGRAM_SIZE
                + " steps; use fewer or smaller {n} counts");
    }

    /** Whether the whole text matches (for {@link #anchored} regexes, the Alertmanager meaning). */
    public boolean matches(CharSequence text) {
        return pattern.matcher(text).matches();
    }

    /** Whether the regex matches somewhere in the text. */
    public boolean find(CharSequence text) {
        return pattern.matcher(text).find();
    }

    /** Replaces every match with {@code literal}, taken as it is (no group references). */
    public String replaceAll(String text, String literal) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.reset().replaceAll(Matcher.quoteReplacement(literal)) : text;
    }

    /** The regex as written (without the anchors {@link #anchored} adds). */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
