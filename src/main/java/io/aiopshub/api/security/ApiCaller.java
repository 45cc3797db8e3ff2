package io.aiopshub.api.security;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * The authenticated caller of an API request, for beans that record who did something.
 *
 * <p>{@link BearerTokenFilter} puts the name of the token it verified into a servlet request attribute: a
 * client can send any header but cannot set request attributes. Camel handles platform-http requests on its
 * own thread, where Spring Security's thread-bound context is empty, and its first {@code convertBodyTo}
 * replaces the HTTP message with a plain one; so the {@code api-call} route template first {@link #capture}s
 * the name into an exchange property (which no client can set either), and beans read it with
 * {@link #require}.
 */
@Component("apiCaller")
public class ApiCaller {

    /** The request attribute holding the token's name. */
    static final String ATTRIBUTE = ApiCaller.class.getName() + ".name";
    /** The exchange property the route template copies it to. */
    public static final String PROPERTY = "aiopsApiCaller";

    /** Route step: copies the verified caller's name from the HTTP request into the exchange; nothing without one. */
    public void capture(Exchange exchange) {
        exchange.removeProperty(PROPERTY);
        if (exchange.getIn() instanceof PlatformHttpMessage message && message.getRequest() != null
                && message.getRequest().getAttribute(ATTRIBUTE) instanceof String name) {
            exchange.setProperty(PROPERTY, name);
        }
    }

    /** The API token name the request was authenticated with; empty when none was captured. */
    public static Optional<String> name(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(PROPERTY, String.class));
    }

    /** The caller's name, or an exception when there is none: a bean that records who acted never guesses. */
    public static String require(Exchange exchange) {
        return name(exchange).orElseThrow(() -> new IllegalStateException(
                "no authenticated API caller on this request; refusing to act without knowing who asks"));
    }
}
