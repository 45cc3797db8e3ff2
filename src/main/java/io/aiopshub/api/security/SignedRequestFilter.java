package io.aiopshub.api.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import io.aiopshub.api.Problems;
import io.aiopshub.api.security.SignedRequestVerifier.Refusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates requests to signed paths ({@link SignedRequestVerifier}) by their signature, before
 * authorisation. The signature covers the raw body, so this filter has the body read here, within the same
 * bounds as every other body ({@link BoundedBodyFilter}: 413, 408, 503), and verified over exactly those bytes,
 * before anything parses them (a form parsed and re-encoded is not what was signed). Cheap refusals (no
 * signature, stale timestamp) come first, so an unsigned request never makes the hub read its body.
 */
class SignedRequestFilter extends OncePerRequestFilter {

    /** The authority a verified request carries; signed paths require it, and it opens nothing else. */
    static final String ROLE = "SIGNED";

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final List<SignedRequestVerifier> verifiers;
    private final BoundedBodyFilter bodies;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SignedRequestFilter(List<SignedRequestVerifier> verifiers, BoundedBodyFilter bodies) {
        this.verifiers = List.copyOf(verifiers);
        this.bodies = bodies;
    }

    /** Matches every request one of the verifiers covers: the authorisation rule for signed paths. */
    RequestMatcher signedPaths() {
        return request -> verifier(request).isPresent();
    }

    /** platform-http answers on an async dispatch, which needs the first pass's verdict again (see BearerTokenFilter). */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<SignedRequestVerifier> covering = verifier(request);
        if (covering.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        SignedRequestVerifier verifier = covering.get();
        if (isAsyncDispatch(request)) {
            if (verifier.name().equals(request.getAttribute(SignedRequests.VERIFIER))) {
                authenticated(verifier, request, response, chain);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (!verifier.enabled()) {
            Problems.write(response, 404, "Not Found",
                    verifier.name() + " requests are off: no signing secret is configured", "path");
            return;
        }
        Optional<Refusal> early = verifier.checkHeaders(request);
        if (early.isPresent()) {
            refuse(response, early.get());
            return;
        }
        // The body is read and bounded here, once: the later pass of the same filter sees it done.
        bodies.doFilter(request, response, (bufferedRequest, bufferedResponse) -> {
            HttpServletRequest buffered = (HttpServletRequest) bufferedRequest;
            byte[] body = buffered instanceof BufferedBodyRequest read ? read.body() : new byte[0];
            Optional<Refusal> refusal = verifier.verify(buffered, body);
            if (refusal.isPresent()) {
                refuse((HttpServletResponse) bufferedResponse, refusal.get());
                return;
            }
            buffered.setAttribute(SignedRequests.BODY, body);
            buffered.setAttribute(SignedRequests.VERIFIER, verifier.name());
            authenticated(verifier, buffered, (HttpServletResponse) bufferedResponse, chain);
        });
    }

    private void authenticated(SignedRequestVerifier verifier, HttpServletRequest request, HttpServletResponse response,
                               FilterChain chain) throws IOException, ServletException {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("signed:" + verifier.name(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private static void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
        Problems.write(response, 401, "Unauthorized", refusal.detail(), refusal.field());
    }

    private Optional<SignedRequestVerifier> verifier(HttpServletRequest request) {
        String path = PATHS.getPathWithinApplication(request);
        return verifiers.stream().filter(v -> v.covers(request.getMethod(), path)).findFirst();
    }
}
