package io.aiopshub.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The hand-written key finder against the regex it replaces, on random texts made of the characters that matter. */
class KeyFinderTest {

    private static final Pattern KEY = Pattern.compile(
            "(?<![A-Za-z0-9_.])([\"']?)([A-Za-z_][A-Za-z0-9_.\\-]*)\\1[ \\t]*(?:=>|[:=])[ \\t]*");
    private static final String ALPHABET = "aZ_9.-\"' \t:=>,{}/";

    @Test
    void findsExactlyWhatTheRegexFinds() {
        Random random = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            int from = text.isEmpty() ? 0 : random.nextInt(text.length());
            assertThat(finder(text.toString(), from)).as("'%s' from %d", text, from).isEqualTo(regex(text.toString(), from));
        }
    }

    @Test
    void readsKeysOfOrdinaryPairs() {
        assertThat(finder("user=alice \"api_key\": 'x' a.b-c => 1 9-x=2", 0))
                .containsExactly("0-5:user", "11-22:api_key(quoted)", "26-35:a.b-c", "39-41:x");
    }

    private static List<String> regex(String text, int from) {
        List<String> found = new ArrayList<>();
        Matcher m = KEY.matcher(text);
        while (from < text.length() && m.find(from)) {
            found.add(m.start() + "-" + m.end() + ":" + m.group(2) + (m.group(1).isEmpty() ? "" : "(quoted)"));
            from = m.end();
        }
        return found;
    }

    private static List<String> finder(String text, int from) {
        List<String> found = new ArrayList<>();
        KeyFinder key = new KeyFinder(text);
        while (from < text.length() && key.find(from)) {
            found.add(key.start() + "-" + key.end() + ":" + key.name() + (key.quoted() ? "(quoted)" : ""));
            from = key.end();
        }
        return found;
    }
}
