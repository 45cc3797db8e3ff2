package io.aiopshub.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.aiopshub.config.HubProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards {@code /api/**}: bearer token (401), body size (413, also for chunked bodies without a length).
 * Runs before Camel sees the request, so a rejected request never reaches a route.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiGuardFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final long maxBodyBytes;

    public ApiGuardFilter(ApiTokens tokens, HubProperties properties) {
        this.tokens = tokens;
        this.maxBodyBytes = properties.getIngest().getMaxBodySize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") || path.equals("/api/openapi.yaml");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (!tokens.isValid(token)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"aiops-hub\"");
            Problems.write(response, 401, "Unauthorized", header == null
                    ? "missing Authorization: Bearer <token> header" : "invalid API token", "Authorization");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            Problems.write(response, 413, "Payload Too Large",
                    "request body of " + request.getContentLengthLong() + " bytes exceeds the limit of " + maxBodyBytes, "$");
            return;
        }
        byte[] body = readBounded(request.getInputStream());
        if (body == null) {
            Problems.write(response, 413, "Payload Too Large",
                    "request body exceeds the limit of " + maxBodyBytes + " bytes", "$");
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBodyBytes) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Replays the already read body to the rest of the chain. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() { return in.available() == 0; }
                @Override
                public boolean isReady() { return true; }
                @Override
                public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException(); }
                @Override
                public int read() { return in.read(); }
                @Override
                public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
            };
        }

        @Override
        public int getContentLength() { return body.length; }

        @Override
        public long getContentLengthLong() { return body.length; }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
