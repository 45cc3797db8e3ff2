package io.aiopshub.redact;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether the key of a key/value pair names a secret, and which marker kind to use.
 *
 * <p>Strong words (password, secret, api key ...) count anywhere in the key, so {@code PGPASSWORD} or
 * {@code spring.datasource.password} match. Short words that are common in ordinary logs (token, auth,
 * pwd, pass) only count as a whole key segment, so {@code max_tokens}, {@code author} or {@code oauth_provider}
 * do not. Keys that describe a secret rather than hold one ({@code token_ttl}, {@code secret_name},
 * {@code password_file}) are excluded by their last segment.
 */
final class SecretKeyClassifier {

    private static final List<String> PASSWORD_WORDS = List.of("password", "passwd", "passphrase");
    private static final List<String> API_KEY_WORDS = List.of("apikey", "accesskey");
    private static final List<String> SECRET_WORDS = List.of("secret", "credential");
    private static final Set<String> PASSWORD_SEGMENTS = Set.of("pwd", "pass", "pw");
    private static final Set<String> TOKEN_SEGMENTS = Set.of("token", "auth", "authorization", "bearer", "jwt");
    private static final Set<String> DESCRIPTIVE_SUFFIXES = Set.of(
            "count", "type", "method", "mode", "provider", "enabled", "disabled", "required", "ttl", "expiry",
            "expires", "expiration", "expired", "length", "len", "limit", "size", "url", "uri", "endpoint",
            "path", "file", "dir", "policy", "name", "id", "user", "username", "header", "format", "version",
            "strategy", "source", "age", "timeout", "rotation", "hint", "used", "left", "remaining", "status",
            "error", "errors", "failed", "failures", "attempts", "retries", "reset", "changed", "set");

    /** Every secret key contains one of these (lower-cased), so other keys are rejected without splitting them. */
    private static final List<String> HINTS = List.of("pass", "pw", "key", "secret", "credential", "token", "auth",
            "bearer", "jwt");
    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern SEPARATORS = Pattern.compile("[_.\\-]+");

    Optional<String> classify(String key) {
        if (!hasHint(key.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        List<String> segments = segments(key);
        if (segments.isEmpty() || DESCRIPTIVE_SUFFIXES.contains(segments.get(segments.size() - 1))) {
            return Optional.empty();
        }
        String compact = String.join("", segments);
        if (containsAny(compact, PASSWORD_WORDS) || segments.stream().anyMatch(PASSWORD_SEGMENTS::contains)) {
            return Optional.of("password");
        }
        if (compact.contains("privatekey")) {
            return Optional.of("private_key");
        }
        if (containsAny(compact, API_KEY_WORDS)) {
            return Optional.of("api_key");
        }
        if (containsAny(compact, SECRET_WORDS)) {
            return Optional.of("secret");
        }
        if (segments.stream().anyMatch(TOKEN_SEGMENTS::contains)) {
            return Optional.of("token");
        }
        return Optional.empty();
    }

    private static boolean hasHint(String lowerCaseKey) {
        for (String hint : HINTS) {
            if (lowerCaseKey.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String compact, List<String> words) {
        return words.stream().anyMatch(compact::contains);
    }

    private static List<String> segments(String key) {
        String camelSplit = CAMEL_HUMP.matcher(key).replaceAll("_");
        return Arrays.stream(SEPARATORS.split(camelSplit))
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toList());
    }
}
