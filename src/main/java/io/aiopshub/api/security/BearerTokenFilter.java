package io.aiopshub.api.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import io.aiopshub.api.security.ApiTokens.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates {@code Authorization: Bearer <token>} for the request. No header: the request goes on
 * anonymously and the authorization rules decide. A header that is not a valid token ends the request
 * with 401 here, on every path, so a wrong token is never treated as "no token".
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * Camel's platform-http answers through an async dispatch, which passes the chain again without
     * the first pass's security context: authenticate that pass too, or an authorised request ends as 401.
     */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        Optional<Caller> caller = tokens.authenticate(token);
        if (caller.isEmpty()) {
            SecurityProblems.unauthorized(response, token == null
                    ? "the Authorization header must be 'Bearer <token>'" : "invalid API token");
            return;
        }
        // For beans that record who acted (ApiCaller): request attributes, unlike headers, come only from the server.
        request.setAttribute(ApiCaller.ATTRIBUTE, caller.get().name());
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller.get().name(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + caller.get().role().name()))));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
