package io.aiopshub.api.security;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The authenticated caller of an API request, for beans that record who did something. {@link BearerTokenFilter}
 * puts the name of the token it verified into a servlet request attribute; a client can set headers but not
 * request attributes, so the name cannot be forged. Camel handles platform-http requests on its own thread,
 * where Spring Security's thread-bound context is empty, hence the attribute rather than the context.
 */
public final class ApiCaller {

    /** The request attribute holding the token's name. */
    static final String ATTRIBUTE = ApiCaller.class.getName() + ".name";

    private ApiCaller() { }

    /** The API token name the request was authenticated with; empty when it was not authenticated. */
    public static Optional<String> name(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage message && message.getRequest() != null) {
            return name(message.getRequest());
        }
        return Optional.empty();
    }

    static Optional<String> name(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String name ? Optional.of(name) : Optional.empty();
    }

    /** The caller's name, or an exception when there is none: a bean that records who acted never guesses. */
    public static String require(Exchange exchange) {
        return name(exchange).orElseThrow(() -> new IllegalStateException(
                "no authenticated API caller on this request; refusing to act without knowing who asks"));
    }
}
