package io.aiopshub.llm.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The built-in redaction rules, in the order they must run: whole-structure rules (PEM blocks, URLs,
 * headers) first so that later, more generic rules only ever see their remains; vendor token formats
 * before the generic key/value rule so the marker names the vendor; ambiguous numeric rules last.
 */
final class BuiltInRules {

    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----"
                    + "(?:[\\s\\S]*?-----END \\1-----|[A-Za-z0-9+/=\\s\\\\:,-]*)");

    /** scheme://user:password@host; the password may not contain '/', otherwise host:port/path would match. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.\\-]{1,20}://)([^\\s:/@\\[\\]]*):([^\\s@/?#\\[][^\\s@/?#]*)@");

    private static final Pattern AUTHORIZATION_HEADER = Pattern.compile(
            "(?i)(\\b(?:proxy-)?authorization[\"']?[ \\t]*[:=][ \\t]*[\"']?)"
                    + "(?:(bearer|basic|token|bot|digest|apikey|negotiate|aws4-hmac-sha256)[ \\t]+)?"
                    + "([^\\s\"'\\[][^\"'\\r\\n]*)");
    private static final Set<String> SINGLE_TOKEN_SCHEMES = Set.of("bearer", "basic", "token", "bot", "apikey");

    private static final Pattern JWT = Pattern.compile(
            "(?<![A-Za-z0-9_\\-])eyJ[A-Za-z0-9_\\-]{5,}\\.eyJ[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]*");

    private static final Pattern ANTHROPIC_KEY = Pattern.compile(
            "(?<![A-Za-z0-9_\\-])sk-ant-[A-Za-z0-9_\\-]{20,}");
    private static final Pattern OPENAI_KEY = Pattern.compile(
            "(?<![A-Za-z0-9_\\-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{20,}");
    private static final Pattern STRIPE_KEY = Pattern.compile(
            "(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}");
    private static final Pattern GITHUB_TOKEN = Pattern.compile(
            "(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})");
    private static final Pattern SLACK_TOKEN = Pattern.compile(
            "(?<![A-Za-z0-9_])xox[abposre]-[A-Za-z0-9\\-]{10,}");
    private static final Pattern SLACK_WEBHOOK = Pattern.compile(
            "(hooks\\.slack\\.com/(?:services|workflows|triggers)/)[A-Za-z0-9/_\\-]+");
    private static final Pattern AWS_ACCESS_KEY = Pattern.compile(
            "(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Z0-9])");
    private static final Pattern GOOGLE_API_KEY = Pattern.compile(
            "(?<![A-Za-z0-9_\\-])AIza[0-9A-Za-z_\\-]{35}(?![A-Za-z0-9_\\-])");
    private static final Pattern TELEGRAM_BOT_TOKEN = Pattern.compile(
            "(?<![0-9])[0-9]{8,10}:AA[A-Za-z0-9_\\-]{33}(?![A-Za-z0-9_\\-])");

    /** An AWS secret access key is just 40 base64 characters, so it is only recognisable next to its name. */
    private static final Pattern AWS_SECRET_KEY = Pattern.compile(
            "(?i)(aws[_\\-. ]?secret[_\\-. ]?(?:access[_\\-. ]?)?key[\"']?[ \\t]*[:=][ \\t]*[\"']?)"
                    + "([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])");

    private static final Pattern BEARER = Pattern.compile(
            "\\b([Bb]earer)[ \\t]+([A-Za-z0-9._~+/\\-]+=*)");

    /** 13 to 19 digits, optionally in groups; issuer prefixes 2-6 keep epoch-millis timestamps (starting 1) out. */
    private static final Pattern CARD_NUMBER = Pattern.compile(
            "(?<![\\w\\-.])[2-6](?:[ \\-]?[0-9]){12,18}(?![\\w\\-]|\\.[0-9])");

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![/\\w.%+\\-])[A-Za-z0-9][A-Za-z0-9._%+\\-]*@[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}\\b");

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\.?[0-9])");
    private static final String HEXTET = "[0-9a-f]{1,4}";
    private static final Pattern IPV6 = Pattern.compile(
            "(?i)(?<![\\w:])(?:(?:" + HEXTET + "(?::" + HEXTET + "){0,6})?::(?:" + HEXTET + "(?::" + HEXTET + "){0,6})?"
                    + "|" + HEXTET + "(?::" + HEXTET + "){7})(?:%[A-Za-z0-9]+)?(?![\\w:])");

    List<RedactionRule> rules(boolean maskIpAddresses) {
        List<RedactionRule> rules = new ArrayList<>();
        rules.add(PatternRule.mask("pem-private-key", PEM_PRIVATE_KEY, "private_key"));
        rules.add(new PatternRule("url-credentials", URL_CREDENTIALS,
                m -> m.group(1) + m.group(2) + ":" + Markers.of("password") + "@"));
        rules.add(new PatternRule("authorization-header", AUTHORIZATION_HEADER, BuiltInRules::authorization));
        rules.add(PatternRule.mask("jwt", JWT, "jwt"));
        rules.add(PatternRule.mask("anthropic-key", ANTHROPIC_KEY, "anthropic_key"));
        rules.add(PatternRule.mask("openai-key", OPENAI_KEY, "openai_key"));
        rules.add(PatternRule.mask("stripe-key", STRIPE_KEY, "stripe_key"));
        rules.add(PatternRule.mask("github-token", GITHUB_TOKEN, "github_token"));
        rules.add(PatternRule.mask("slack-token", SLACK_TOKEN, "slack_token"));
        rules.add(new PatternRule("slack-webhook", SLACK_WEBHOOK, m -> m.group(1) + Markers.of("slack_webhook")));
        rules.add(PatternRule.mask("aws-access-key", AWS_ACCESS_KEY, "aws_access_key"));
        rules.add(PatternRule.mask("google-api-key", GOOGLE_API_KEY, "google_api_key"));
        rules.add(PatternRule.mask("telegram-bot-token", TELEGRAM_BOT_TOKEN, "telegram_token"));
        rules.add(new PatternRule("aws-secret-key", AWS_SECRET_KEY, m -> m.group(1) + Markers.of("aws_secret_key")));
        rules.add(new PatternRule("bearer-token", BEARER, BuiltInRules::bearer));
        rules.add(new KeyValueRule());
        rules.add(new PatternRule("card-number", CARD_NUMBER, BuiltInRules::cardNumber));
        rules.add(PatternRule.mask("email", EMAIL, "email"));
        if (maskIpAddresses) {
            rules.add(PatternRule.mask("ipv4", IPV4, "ip"));
            rules.add(new PatternRule("ipv6", IPV6, BuiltInRules::ipv6));
        }
        return List.copyOf(rules);
    }

    private static String authorization(MatchResult m) {
        if (m.group().contains(Markers.PREFIX)) {
            return m.group();
        }
        String prefix = m.group(1);
        String scheme = m.group(2);
        String value = m.group(3);
        if (scheme != null && SINGLE_TOKEN_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            // Only the credential token is secret; what follows it on the line (other headers) stays readable.
            int end = firstWhitespaceOrComma(value);
            String kind = "basic".equalsIgnoreCase(scheme) ? "credentials" : "token";
            return prefix + scheme + " " + Markers.of(kind) + value.substring(end);
        }
        String schemePart = scheme == null ? "" : scheme + " ";
        return prefix + schemePart + Markers.of("authorization");
    }

    private static int firstWhitespaceOrComma(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == ',' || c == ';') {
                return i;
            }
        }
        return value.length();
    }

    /** "bearer" is also an English word, so require something token-shaped after it. */
    private static String bearer(MatchResult m) {
        String token = m.group(2);
        boolean tokenShaped = token.length() >= 20 || (token.length() >= 8 && token.chars().anyMatch(Character::isDigit));
        return tokenShaped ? m.group(1) + " " + Markers.of("token") : m.group();
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

    /** The regex accepts too many groups around "::" (e.g. 7 + 7); the group count settles it. */
    private static String ipv6(MatchResult m) {
        String raw = m.group();
        int zone = raw.indexOf('%');
        String address = zone >= 0 ? raw.substring(0, zone) : raw;
        int compressions = countOccurrences(address, "::");
        if (compressions > 1 || address.contains(":::")) {
            return raw;
        }
        String[] groups = address.replace("::", ":").split(":");
        long nonEmpty = java.util.Arrays.stream(groups).filter(g -> !g.isEmpty()).count();
        boolean valid = compressions == 1 ? nonEmpty >= 1 && nonEmpty <= 7 : nonEmpty == 8;
        return valid ? Markers.of("ip") : raw;
    }

    private static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }
}
