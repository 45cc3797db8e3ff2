package io.aiopshub.api.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request with its body already read (and decoded): the rest of the chain reads these bytes, and
 * no longer sees a Content-Encoding, so nothing downstream tries to decode them again.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

    private static final String CONTENT_ENCODING = "Content-Encoding";
    private static final String CONTENT_LENGTH = "Content-Length";

    private final byte[] body;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /** The body as read (and decoded): the bytes the client sent, for checks that must see exactly those. */
    byte[] body() {
        return body;
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
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() { return body.length; }

    @Override
    public long getContentLengthLong() { return body.length; }

    @Override
    public String getHeader(String name) {
        if (CONTENT_ENCODING.equalsIgnoreCase(name)) {
            return null;
        }
        return CONTENT_LENGTH.equalsIgnoreCase(name) ? Integer.toString(body.length) : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (CONTENT_ENCODING.equalsIgnoreCase(name)) {
            return Collections.emptyEnumeration();
        }
        return CONTENT_LENGTH.equalsIgnoreCase(name)
                ? Collections.enumeration(List.of(Integer.toString(body.length))) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = Collections.list(super.getHeaderNames()).stream()
                .filter(name -> !CONTENT_ENCODING.equalsIgnoreCase(name)).toList();
        return Collections.enumeration(names);
    }
}
