package io.aiopshub.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

class UserRegexTest {

    /** Exponential for a backtracking engine: with java.util.regex 28 'a's take ~29 s, each one more doubles it. */
    static final String BOMB = "((a+)*)+b";
    static final String VICTIM = "a".repeat(40);

    @Test
    @Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
    void catastrophicBacktrackingPatternsRunInLinearTime() {
        assertThat(UserRegex.anchored(BOMB).matches(VICTIM)).isFalse();
        assertThat(UserRegex.compile(BOMB).find(VICTIM)).isFalse();
        assertThat(UserRegex.anchored("(a|aa)+$").matches("a".repeat(5000) + "!")).isFalse();
        assertThat(UserRegex.anchored("(.*a){20}").matches("a".repeat(8192))).isTrue();
    }

    @Test
    void anchoredMeansTheWholeValueAsInAlertmanager() {
        UserRegex api = UserRegex.anchored("api|web");
        assertThat(api.matches("api")).isTrue();
        assertThat(api.matches("api-gateway")).isFalse();
        assertThat(api.matches("xapi")).isFalse();
        assertThat(api.matches("api\n")).as("$ is the end of the text, not of a line").isFalse();
        assertThat(UserRegex.anchored(".*").matches("")).isTrue();
        assertThat(UserRegex.compile("(?i)timeout").find("Connect TIMEOUT after 5s")).isTrue();
        assertThat(api.source()).isEqualTo("api|web");
    }

    @Test
    void syntaxRe2DoesNotHaveIsRefusedWithTheReason() {
        assertThatThrownBy(() -> UserRegex.compile("(")).isInstanceOf(InvalidRegexException.class)
                .hasMessageContaining("not valid RE2 syntax").hasMessageContaining("missing closing )");
        assertThatThrownBy(() -> UserRegex.compile("(a)\\1")).hasMessageContaining("invalid escape");
        assertThatThrownBy(() -> UserRegex.compile("a(?=b)")).hasMessageContaining("not valid RE2 syntax");
        assertThatThrownBy(() -> UserRegex.compile("a{1001}")).hasMessageContaining("invalid repeat count");
        assertThatThrownBy(() -> UserRegex.compile(null)).isInstanceOf(InvalidRegexException.class);
    }

    @Test
    @Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
    void repetitionsThatWouldExhaustMemoryAreRefusedBeforeCompiling() {
        // 24 characters that make RE2/J allocate a billion instructions (OutOfMemoryError) if compiled.
        assertThatThrownBy(() -> UserRegex.compile("((a{1000}){1000}){1000}")).isInstanceOf(InvalidRegexException.class)
                .hasMessageContaining("too complex");
        assertThatThrownBy(() -> UserRegex.anchored("(a{1000}){1000}")).hasMessageContaining("too complex");
        // Compiles, but a program this size costs ~0.5 s per 8 KB label value: refused after compiling.
        assertThatThrownBy(() -> UserRegex.anchored("(.*a){1000}")).hasMessageContaining("too complex");
        assertThatThrownBy(() -> UserRegex.compile("a".repeat(UserRegex.MAX_LENGTH + 1))).hasMessageContaining("longer than");
    }

    @Test
    void everyDayRegexesFitTheBound() {
        for (String regex : List.of("critical|high", ".*(Memory|OOM).*", "[A-Za-z0-9][A-Za-z0-9@._-]{0,254}",
                "(?i)(connection refused|connect timed out|timeout|unreachable|no route to host)",
                "[[:alpha:]]+\\d{1,3}\\pL\\p{Greek}\\x{41}\\Q.*\\E", String.join("|", java.util.Collections.nCopies(100, "service-x")))) {
            assertThat(UserRegex.anchored(regex).source()).isEqualTo(regex);
        }
    }

    /** The estimate only guards compiling (refused beyond 25 times the real bound), so within a factor 2 is plenty. */
    @Test
    void theSizeEstimateIsCloseToTheCompiledProgram() {
        for (String regex : List.of("a", "a{10}", "[a-z]{0,254}", "(a|b|c)*d{5,9}", "(?:x+y?){7,}",
                "\\Qliteral{5}\\E{3}", "(?i)a{2}(?P<n>b{3}){4}", "[]a]{20}", "[^\\]]{20}", "a{", "x{2,}y{,3}",
                "((a{10}){10}){10}", "(.*a){20}", "^(?:api|web)$")) {
            long compiled = com.google.re2j.Pattern.compile(regex).programSize();
            assertThat(RegexSize.estimate(regex)).as(regex).isGreaterThanOrEqualTo(compiled / 2);
        }
    }

    @Test
    void replaceAllTakesTheReplacementLiterally() {
        assertThat(UserRegex.compile("TCK-\\d+").replaceAll("ref TCK-123 and TCK-9", "[$1\\]")).isEqualTo("ref [$1\\] and [$1\\]");
        assertThat(UserRegex.compile("zzz").replaceAll("nothing here", "x")).isEqualTo("nothing here");
    }
}
