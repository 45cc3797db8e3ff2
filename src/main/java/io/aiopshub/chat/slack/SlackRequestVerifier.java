package io.aiopshub.chat.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.aiopshub.api.security.SignedRequestVerifier;
import io.aiopshub.chat.ChatProperties;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Authenticates Slack's callbacks (interactivity and slash commands) by their {@code v0} signature over the
 * raw body: a fresh timestamp (±5 minutes), a matching signature, not seen before. Without a signing secret
 * the Slack paths are off.
 */
@Component
public class SlackRequestVerifier implements SignedRequestVerifier {

    public static final String NAME = "slack";
    public static final String INTERACTIONS = "/api/v1/chat/slack/interactions";
    public static final String COMMANDS = "/api/v1/chat/slack/commands";
    /** Slack's own bound: a request older or newer than this is refused. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    static final String SIGNATURE_HEADER = "X-Slack-Signature";
    static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

    private static final Set<String> PATHS = Set.of(INTERACTIONS, COMMANDS);
    private static final Pattern SIGNATURE = Pattern.compile("v0=[0-9a-f]{64}");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");

    private final String secret;
    private final SlackReplayGuard replays;
    private final Clock clock;

    public SlackRequestVerifier(ChatProperties properties, SlackReplayGuard replays, Clock clock) {
        String configured = properties.getSlack().getSigningSecret();
        this.secret = configured == null ? "" : configured.trim();
        this.replays = replays;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean covers(String method, String path) {
        return "POST".equals(method) && PATHS.contains(path);
    }

    @Override
    public boolean enabled() {
        return !secret.isEmpty();
    }

    @Override
    public Optional<Refusal> checkHeaders(HttpServletRequest request) {
        String signature = request.getHeader(SIGNATURE_HEADER);
        if (signature == null || !SIGNATURE.matcher(signature).matches()) {
            return Optional.of(new Refusal(SIGNATURE_HEADER, signature == null
                    ? "missing Slack signature header " + SIGNATURE_HEADER : SIGNATURE_HEADER + " is not v0=<64 hex digits>"));
        }
        String timestamp = request.getHeader(TIMESTAMP_HEADER);
        if (timestamp == null || !SECONDS.matcher(timestamp).matches()) {
            return Optional.of(new Refusal(TIMESTAMP_HEADER, TIMESTAMP_HEADER + " must be the request's time in Unix seconds"));
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), clock.instant()).abs();
        if (skew.compareTo(TOLERANCE) > 0) {
            return Optional.of(new Refusal(TIMESTAMP_HEADER, "the request's timestamp is more than "
                    + TOLERANCE.toMinutes() + " minutes away from the hub's clock"));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Refusal> verify(HttpServletRequest request, byte[] body) {
        String signature = request.getHeader(SIGNATURE_HEADER);
        String timestamp = request.getHeader(TIMESTAMP_HEADER);
        if (!SlackSignature.matches(secret, timestamp, body, signature)) {
            return Optional.of(new Refusal(SIGNATURE_HEADER, "the signature does not match the request"));
        }
        Instant keepUntil = Instant.ofEpochSecond(Long.parseLong(timestamp)).plus(TOLERANCE);
        if (!replays.firstUse(signature.substring(SlackSignature.PREFIX.length()), keepUntil)) {
            return Optional.of(new Refusal(SIGNATURE_HEADER, "this request was received before (a replay)"));
        }
        return Optional.empty();
    }
}
