package io.aiopshub.api.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The name of the API token a request was authenticated with, for the routes behind the API: who approves
 * an action run, who resets a breaker. {@link BearerTokenFilter} puts it in a request attribute, which
 * only the server can set (not a header, not a body field); Camel's platform-http hands the servlet
 * request to the route as header {@code CamelHttpServletRequest}. Anything else found there (a client
 * header of that name is a string) yields no caller.
 */
public final class AuthenticatedCaller {

    /** The request attribute holding the token's name. */
    static final String ATTRIBUTE = AuthenticatedCaller.class.getName() + ".name";
    /** The Camel header platform-http sets to the servlet request. */
    public static final String SERVLET_REQUEST_HEADER = "CamelHttpServletRequest";

    private AuthenticatedCaller() { }

    /** The caller's token name, from the value of header {@value #SERVLET_REQUEST_HEADER}. */
    public static Optional<String> name(Object servletRequest) {
        if (servletRequest instanceof HttpServletRequest request && request.getAttribute(ATTRIBUTE) instanceof String name) {
            return Optional.of(name);
        }
        return Optional.empty();
    }

    static void set(HttpServletRequest request, String name) {
        request.setAttribute(ATTRIBUTE, name);
    }
}
