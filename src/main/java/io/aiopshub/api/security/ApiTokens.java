package io.aiopshub.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The accepted bearer tokens and who they are. Tokens are kept only as SHA-256 digests and every
 * presented token is compared with all of them in constant time, so neither timing nor a heap dump
 * gives a token away. With no API token configured, one is generated at start and logged once.
 */
@Component
public class ApiTokens {

    /** Who called: the token's name and what it may do. */
    public record Caller(String name, Role role) { }

    public enum Role {
        /** The whole API, health details and metrics. */
        API,
        /** Only {@code /actuator/prometheus}. */
        METRICS
    }

    private record Credential(String name, byte[] digest, Role role) { }

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);
    private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9_.@-]{1,64}):(.+)");

    private final List<Credential> credentials = new ArrayList<>();

    public ApiTokens(ApiSecurityProperties properties) {
        List<String> api = nonBlank(properties.getApiTokens());
        if (api.isEmpty()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = "aiops_" + HexFormat.of().formatHex(random);
            // Logged once, on purpose: the embedded default must be usable without configuration.
            LOG.warn("No API token configured (aiops.security.api-tokens / AIOPS_SECURITY_API_TOKENS). "
                    + "Generated one for this run: {}", generated);
            api = List.of(generated);
        }
        add(api, Role.API, "api-token-");
        add(nonBlank(properties.getMetricsTokens()), Role.METRICS, "metrics-token-");
    }

    /** The caller a presented token belongs to; empty when it belongs to nobody. */
    public Optional<Caller> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = sha256(presented);
        Credential match = null;
        for (Credential credential : credentials) {
            // No early exit: every credential is compared, whatever matched.
            if (MessageDigest.isEqual(credential.digest(), candidate) && match == null) {
                match = credential;
            }
        }
        return match == null ? Optional.empty() : Optional.of(new Caller(match.name(), match.role()));
    }

    private void add(List<String> entries, Role role, String defaultPrefix) {
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            var named = NAMED.matcher(entry);
            if (named.matches()) {
                credentials.add(new Credential(named.group(1), sha256(named.group(2)), role));
            } else {
                credentials.add(new Credential(defaultPrefix + (i + 1), sha256(entry), role));
            }
        }
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
