package io.aiopshub.api.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.zip.GZIPInputStream;

import org.springframework.web.filter.OncePerRequestFilter;

import io.aiopshub.api.Problems;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads every authorised request body in full, before anything else sees it, within three bounds:
 * its size (413; for gzip bodies the size after decompression, so a zip bomb is a 413 too), the time
 * it may take to arrive (408), and the bytes all requests together may hold in memory (503 with
 * Retry-After). {@code Content-Encoding: gzip} is decoded here; any other encoding gets 415.
 * It bounds every path, so no spelling of a path can skip it.
 */
class BoundedBodyFilter extends OncePerRequestFilter {

    private static final int CHUNK = 8192;

    private final long maxBodyBytes;
    private final Duration readTimeout;
    /** Permits are KiB of request bodies held in memory. */
    private final Semaphore memory;

    BoundedBodyFilter(long maxBodyBytes, Duration readTimeout, long maxBufferedBytes, MeterRegistry registry) {
        this.maxBodyBytes = maxBodyBytes;
        this.readTimeout = readTimeout;
        int budgetKib = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBufferedBytes / 1024));
        this.memory = new Semaphore(budgetKib);
        Gauge.builder("aiops.http.buffered.body.bytes", memory, m -> (budgetKib - m.availablePermits()) * 1024.0)
                .description("Request bodies held in memory now, against aiops.security.max-buffered-bodies")
                .register(registry);
    }

    private static final class Rejected extends Exception {
        final int status;
        final String title;
        final String field;

        Rejected(int status, String title, String field, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
            this.field = field;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String encoding = request.getHeader("Content-Encoding");
        boolean gzip = encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim());
        long declared = request.getContentLengthLong();
        boolean hasBody = declared > 0 || request.getHeader("Transfer-Encoding") != null;
        if (!hasBody) {
            chain.doFilter(request, response);
            return;
        }
        Reservation reservation = new Reservation();
        byte[] body;
        try {
            if (gzip && !isGzip(encoding)) {
                throw new Rejected(415, "Unsupported Media Type", "Content-Encoding",
                        "Content-Encoding '" + abbreviate(encoding) + "' is not supported; send gzip or an uncompressed body");
            }
            if (declared > maxBodyBytes) {
                throw tooLarge(declared + " bytes");
            }
            reservation.grow(Math.max(declared, 0));
            byte[] raw = read(request.getInputStream(), System.nanoTime() + readTimeout.toNanos(), reservation);
            body = gzip ? gunzip(raw, reservation) : raw;
        } catch (SocketTimeoutException e) {
            reservation.release();
            reject(response, slow());
            return;
        } catch (IOException | RuntimeException e) {
            // The client went away mid-body, or worse: the memory is free again either way.
            reservation.release();
            if (causedBy(e, SocketTimeoutException.class)) {
                reject(response, slow());
                return;
            }
            throw e;
        } catch (Rejected e) {
            reservation.release();
            reject(response, e);
            return;
        }
        try {
            chain.doFilter(new BufferedBodyRequest(request, body), response);
        } finally {
            reservation.release();
        }
    }

    private byte[] read(InputStream in, long deadline, Reservation reservation) throws IOException, Rejected {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[CHUNK];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + (long) n > maxBodyBytes) {
                throw tooLarge("more than " + maxBodyBytes + " bytes");
            }
            if (System.nanoTime() - deadline > 0) {
                throw slow();
            }
            out.write(buffer, 0, n);
            reservation.grow(out.size());
        }
        return out.toByteArray();
    }

    private byte[] gunzip(byte[] compressed, Reservation reservation) throws Rejected {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), CHUNK)) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + (long) n > maxBodyBytes) {
                    throw tooLarge("more than " + maxBodyBytes + " bytes once decompressed");
                }
                out.write(buffer, 0, n);
                reservation.grow(compressed.length + (long) out.size());
            }
        } catch (IOException e) {
            throw new Rejected(400, "Bad Request", "Content-Encoding", "the body is not valid gzip data");
        }
        return out.toByteArray();
    }

    private static void reject(HttpServletResponse response, Rejected e) throws IOException {
        if (e.status == 503) {
            response.setHeader("Retry-After", "1");
        }
        // The rest of a rejected body is not worth reading: let the connection go.
        response.setHeader("Connection", "close");
        Problems.write(response, e.status, e.title, e.getMessage(), e.field);
        // Now, not after Tomcat has waited to swallow a body that may never come.
        response.flushBuffer();
    }

    private Rejected slow() {
        return new Rejected(408, "Request Timeout", "$",
                "the request body did not arrive within " + readTimeout.toSeconds() + " s");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private Rejected tooLarge(String what) {
        return new Rejected(413, "Payload Too Large", "$",
                "request body of " + what + " exceeds the limit of " + maxBodyBytes + " bytes");
    }

    private static boolean isGzip(String encoding) {
        String value = encoding.trim().toLowerCase(Locale.ROOT);
        return value.equals("gzip") || value.equals("x-gzip");
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }

    /** The memory one request holds, taken from the shared budget as its body grows. */
    private final class Reservation {
        private int heldKib;

        void grow(long bytes) throws Rejected {
            int needed = (int) Math.min(Integer.MAX_VALUE, (bytes + 1023) / 1024);
            if (needed > heldKib) {
                if (!memory.tryAcquire(needed - heldKib)) {
                    throw new Rejected(503, "Service Unavailable", "$",
                            "too many large requests at once; retry shortly");
                }
                heldKib = needed;
            }
        }

        void release() {
            memory.release(heldKib);
            heldKib = 0;
        }
    }
}
