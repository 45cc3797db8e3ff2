package io.aiopshub.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.config.HubProperties;

/** The accepted API bearer tokens. With none configured, one is generated at start and logged once. */
@Component
public class ApiTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);

    private final List<byte[]> tokens;

    public ApiTokens(HubProperties properties) {
        List<String> configured = properties.getSecurity().getApiTokens().stream()
                .map(String::trim).filter(t -> !t.isEmpty()).toList();
        if (configured.isEmpty()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = "aiops_" + HexFormat.of().formatHex(random);
            // Logged once, on purpose: the embedded default must be usable without configuration.
            LOG.warn("No API token configured (aiops.security.api-tokens / AIOPS_SECURITY_API_TOKENS). "
                    + "Generated one for this run: {}", generated);
            configured = List.of(generated);
        }
        this.tokens = configured.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public boolean isValid(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean valid = false;
        for (byte[] token : tokens) {
            // Constant-time comparison, and no early exit, so timing reveals nothing about the tokens.
            valid |= MessageDigest.isEqual(token, candidate);
        }
        return valid;
    }
}
