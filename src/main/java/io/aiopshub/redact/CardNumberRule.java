package io.aiopshub.redact;

import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/** Payment card numbers, Luhn-checked so that the long numeric ids in ordinary logs survive. */
final class CardNumberRule {

    /** 13 to 19 digits, optionally in groups; issuer prefixes 2-6 keep epoch-millis timestamps (starting 1) out. */
    private static final Pattern CARD_NUMBER = Pattern.compile(
            "(?<![\\w\\-.])[2-6](?:[ \\-]?[0-9]){12,18}(?![\\w\\-]|\\.[0-9])");

    private CardNumberRule() {
    }

    static RedactionRule create() {
        return new PatternRule("card-number", CARD_NUMBER, CardNumberRule::cardNumber);
    }

    private static String cardNumber(MatchResult m) {
        String raw = m.group();
        String digits = raw.replaceAll("[ \\-]", "");
        if (digits.length() < 13 || digits.length() > 19 || !Luhn.isValid(digits) || !plausibleGrouping(raw)) {
            return raw;
        }
        return Markers.of("card_number");
    }

    /** Cards are written ungrouped or in groups of 3+ digits with one kind of separator. */
    private static boolean plausibleGrouping(String raw) {
        boolean spaces = raw.indexOf(' ') >= 0;
        boolean dashes = raw.indexOf('-') >= 0;
        if (!spaces && !dashes) {
            return true;
        }
        if (spaces && dashes) {
            return false;
        }
        for (String group : raw.split(spaces ? " " : "-")) {
            if (group.length() < 3) {
                return false;
            }
        }
        return true;
    }
}
