package io.aiopshub.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import static io.aiopshub.redact.Prefilter.contains;
import static io.aiopshub.redact.Prefilter.containsIgnoringCase;
import static io.aiopshub.redact.Prefilter.digitRun;
import static io.aiopshub.redact.Prefilter.when;

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

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![/\\w.%+\\-])[A-Za-z0-9][A-Za-z0-9._%+\\-]*@[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}\\b");

    private BuiltInRules() {
    }

    static List<RedactionRule> rules(boolean maskIpAddresses, boolean maskEmailAddresses) {
        List<RedactionRule> rules = new ArrayList<>();
        // Each rule behind a prefilter: a literal its matches must contain (see Prefilter).
        rules.add(when(contains("-----BEGIN "), PatternRule.mask("pem-private-key", PEM_PRIVATE_KEY, "private_key")));
        rules.add(when(contains("://").and(contains("@")), new PatternRule("url-credentials", URL_CREDENTIALS,
                m -> m.group(1) + m.group(2) + ":" + Markers.of("password") + "@")));
        rules.add(when(containsIgnoringCase("authorization"), HeaderRules.authorization()));
        rules.add(when(contains("eyJ"), PatternRule.mask("jwt", JWT, "jwt")));
        rules.add(when(contains("sk-ant-"), PatternRule.mask("anthropic-key", ANTHROPIC_KEY, "anthropic_key")));
        rules.add(when(contains("sk-"), PatternRule.mask("openai-key", OPENAI_KEY, "openai_key")));
        rules.add(when(contains("_live_", "_test_"), PatternRule.mask("stripe-key", STRIPE_KEY, "stripe_key")));
        rules.add(when(contains("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
                PatternRule.mask("github-token", GITHUB_TOKEN, "github_token")));
        rules.add(when(contains("xox"), PatternRule.mask("slack-token", SLACK_TOKEN, "slack_token")));
        rules.add(when(contains("hooks.slack.com/"), new PatternRule("slack-webhook", SLACK_WEBHOOK,
                m -> m.group(1) + Markers.of("slack_webhook"))));
        rules.add(when(contains("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"),
                PatternRule.mask("aws-access-key", AWS_ACCESS_KEY, "aws_access_key")));
        rules.add(when(contains("AIza"), PatternRule.mask("google-api-key", GOOGLE_API_KEY, "google_api_key")));
        rules.add(when(contains(":AA"), PatternRule.mask("telegram-bot-token", TELEGRAM_BOT_TOKEN, "telegram_token")));
        rules.add(when(containsIgnoringCase("secret"), new PatternRule("aws-secret-key", AWS_SECRET_KEY,
                m -> m.group(1) + Markers.of("aws_secret_key"))));
        rules.add(when(contains("earer"), HeaderRules.bearer()));
        rules.add(when(containsIgnoringCase("cookie"), HeaderRules.cookies()));
        NamedSecretRules named = new NamedSecretRules();
        rules.add(when(contains("curl"), named.curlUser()));
        rules.add(when(contains("--"), named.cliFlag()));
        rules.add(when(contains("name:").and(contains("value:")), named.envYaml()));
        rules.add(when(contains("\"name\""), named.envJson()));
        rules.add(when(contains("=", ":"), new KeyValueRule()));
        rules.add(when(digitRun(13), CardNumberRule.create()));
        if (maskEmailAddresses) {
            rules.add(when(contains("@"), new PatternRule("email", EMAIL, BuiltInRules::email)));
        }
        if (maskIpAddresses) {
            rules.add(when(contains("."), IpAddressRules.ipv4()));
            rules.add(when(contains(":"), IpAddressRules.ipv6()));
        }
        return List.copyOf(rules);
    }

    /** "git@host:org/repo" is an SSH remote, not a person's address. */
    private static String email(MatchResult m) {
        return m.group().startsWith("git@") ? m.group() : Markers.of("email");
    }
}
