package io.aiopshub.api.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Paths whose callers cannot send the hub's bearer token (a chat platform calling back) and prove
 * themselves by signing each request instead. {@link SignedRequestFilter} asks every verifier bean whether
 * it covers a request; a covered request is served only after its verifier accepted the exact bytes that
 * arrived, and never on a bearer token alone.
 */
public interface SignedRequestVerifier {

    /** Names the verifier on the request (for beans that record who called) and in problem details. */
    String name();

    /** Whether this request is for one of the verifier's paths. {@code path} is decoded, as it is routed. */
    boolean covers(String method, String path);

    /** False while the secret is not configured: the paths are then off (404), never open. */
    boolean enabled();

    /** A refusal decided from the headers alone (missing signature, stale timestamp), before any body is read. */
    Optional<Refusal> checkHeaders(HttpServletRequest request);

    /** A refusal decided over the raw body as received; empty when the request is authentic and not a replay. */
    Optional<Refusal> verify(HttpServletRequest request, byte[] body);

    /** Why a request was refused, and the header to blame. */
    record Refusal(String field, String detail) { }
}
