package io.aiopshub.api.security;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * What {@link SignedRequestFilter} verified, for the beans serving signed paths. The filter keeps the
 * verified bytes in request attributes, which, unlike headers and bodies, no client can set; a bean reads the
 * body from here rather than from the message, so it acts only on bytes whose signature was checked.
 */
public final class SignedRequests {

    static final String BODY = SignedRequests.class.getName() + ".body";
    static final String VERIFIER = SignedRequests.class.getName() + ".verifier";

    private SignedRequests() { }

    /**
     * The body the named verifier accepted for this exchange's HTTP request; empty when there is none
     * (not a platform-http exchange, or not verified by that verifier). Call it before anything replaces the
     * HTTP message (a {@code convertBodyTo}).
     */
    public static Optional<byte[]> verifiedBody(Exchange exchange, String verifier) {
        if (exchange.getIn() instanceof PlatformHttpMessage message && message.getRequest() != null
                && verifier.equals(message.getRequest().getAttribute(VERIFIER))
                && message.getRequest().getAttribute(BODY) instanceof byte[] body) {
            return Optional.of(body);
        }
        return Optional.empty();
    }
}
