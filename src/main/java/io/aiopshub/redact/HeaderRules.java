package io.aiopshub.redact;

import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Credentials carried in HTTP headers: Authorization, bare Bearer tokens, cookies. */
final class HeaderRules {

    private static final Pattern AUTHORIZATION_HEADER = Pattern.compile(
            "(?i)(\\b(?:proxy-)?authorization[\"']?[ \\t]*[:=][ \\t]*[\"']?)"
                    + "(?:(bearer|basic|token|bot|digest|apikey|negotiate|aws4-hmac-sha256)[ \\t]+)?"
                    + "([^\\s\"'\\[][^\"'\\r\\n]*)");
    private static final Set<String> SINGLE_TOKEN_SCHEMES = Set.of("bearer", "basic", "token", "bot", "apikey");

    private static final Pattern BEARER = Pattern.compile(
            "\\b([Bb]earer)[ \\t]+([A-Za-z0-9._~+/\\-]+=*)");

    /** Cookie headers: every cookie value is a potential session credential, attributes are not. */
    private static final Pattern COOKIE_HEADER = Pattern.compile("(?i)(\\b(?:set-)?cookie[ \\t]*:[ \\t]*)([^\\r\\n]+)");
    private static final Pattern COOKIE_PAIR = Pattern.compile("([ \\t]*)([^=;\\s]+)=([^;\\r\\n]*)");
    private static final Set<String> COOKIE_ATTRIBUTES = Set.of(
            "path", "domain", "expires", "max-age", "samesite", "secure", "httponly", "priority", "partitioned", "version");

    private HeaderRules() {
    }

    static RedactionRule authorization() {
        return new PatternRule("authorization-header", AUTHORIZATION_HEADER, HeaderRules::authorization);
    }

    static RedactionRule bearer() {
        return new PatternRule("bearer-token", BEARER, HeaderRules::bearer);
    }

    static RedactionRule cookies() {
        return new PatternRule("cookie-header", COOKIE_HEADER, HeaderRules::cookies);
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

    private static String cookies(MatchResult m) {
        StringBuilder out = new StringBuilder(m.group(1));
        String[] parts = m.group(2).split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(';');
            }
            Matcher pair = COOKIE_PAIR.matcher(parts[i]);
            String name = pair.matches() ? pair.group(2) : null;
            boolean secret = name != null && !COOKIE_ATTRIBUTES.contains(name.toLowerCase(Locale.ROOT))
                    && !pair.group(3).isBlank() && !pair.group(3).contains(Markers.PREFIX);
            out.append(secret ? pair.group(1) + name + "=" + Markers.of("cookie") : parts[i]);
        }
        return out.toString();
    }
}
