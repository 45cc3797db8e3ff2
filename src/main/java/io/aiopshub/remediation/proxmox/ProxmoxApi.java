package io.aiopshub.remediation.proxmox;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The Proxmox VE REST API over {@link HttpClient}: API-token authentication, TLS verified against the JDK's
 * trust store or the configured CA file, every call bounded by the read timeout and by the caller's deadline.
 * The token secret lives only in the Authorization header built here; {@link #redact} removes it from any text
 * that might echo it.
 */
@Component
public class ProxmoxApi {

    /** {@code USER@REALM!TOKENID}, as Proxmox shows it when the token is created. */
    private static final Pattern TOKEN_ID = Pattern.compile("[^\\s@=]+@[^\\s!=]+![A-Za-z][A-Za-z0-9._-]*");
    private static final String API_PATH = "/api2/json";
    private static final Logger log = LoggerFactory.getLogger(ProxmoxApi.class);

    private final ProxmoxProperties properties;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final HttpClient client;
    private final URI base;
    private final String authorization;

    public ProxmoxApi(ProxmoxProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        if (!properties.missingSettings().isEmpty()) {
            this.client = null;
            this.base = null;
            this.authorization = null;
            return;
        }
        this.base = baseUri(properties.getUrl().trim());
        String tokenId = properties.getTokenId().trim();
        if (!TOKEN_ID.matcher(tokenId).matches()) {
            throw new IllegalStateException(ProxmoxProperties.PREFIX + "token-id '" + tokenId + "' is not USER@REALM!TOKENID");
        }
        String secret = properties.getTokenSecret().trim();
        if (secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalStateException(ProxmoxProperties.PREFIX + "token-secret contains spaces or control characters");
        }
        this.authorization = "PVEAPIToken=" + tokenId + "=" + secret;
        this.client = HttpClient.newBuilder()
                .sslContext(ProxmoxTls.context(properties.getCaFile()))
                .connectTimeout(properties.getConnectTimeout())
                // pveproxy speaks HTTP/1.1; asking for h2 only costs a negotiation.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static URI baseUri(String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(ProxmoxProperties.PREFIX + "url '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalStateException(ProxmoxProperties.PREFIX + "url '" + url
                    + "' must be https://host[:port] (TLS verification is always on; use ca-file for a private CA)");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalStateException(ProxmoxProperties.PREFIX + "url must hold no user, query or fragment");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (path.endsWith(API_PATH) ? path : path + API_PATH));
    }

    boolean configured() {
        return client != null;
    }

    List<String> missingSettings() {
        return properties.missingSettings();
    }

    Duration pollInterval() {
        return properties.getPollInterval();
    }

    /**
     * Sends one call and returns the {@code data} of the answer (a {@link NullNode} when there is none).
     *
     * @throws ProxmoxApiException when there is no answer before the read timeout or the deadline, the TLS
     *                             handshake fails, or Proxmox answers with an error status
     */
    JsonNode call(ApiCall call, Instant deadline) throws ProxmoxApiException {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new ProxmoxApiException("the phase's time limit passed before " + call.method() + " " + call.path());
        }
        boolean deadlineBound = left.compareTo(properties.getReadTimeout()) < 0;
        Duration limit = deadlineBound ? left : properties.getReadTimeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(limit)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if ("POST".equals(call.method())) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(call.formBody()));
        } else {
            request.GET();
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxmoxApiException("interrupted while waiting for " + call.method() + " " + call.path());
        } catch (HttpConnectTimeoutException e) {
            throw new ProxmoxApiException("cannot connect to " + hostPort() + " within " + human(properties.getConnectTimeout()));
        } catch (HttpTimeoutException e) {
            throw new ProxmoxApiException(deadlineBound
                    ? "the phase's time limit passed while waiting for the answer to " + call.method() + " " + call.path()
                    : "no answer from " + hostPort() + " within " + human(limit) + " to " + call.method() + " " + call.path(), true);
        } catch (IOException e) {
            throw new ProxmoxApiException(redact(transportProblem(e)));
        }
        log.debug("proxmox {} {} -> HTTP {}", call.method(), call.path(), response.statusCode());
        return data(call, response);
    }

    private JsonNode data(ApiCall call, HttpResponse<String> response) throws ProxmoxApiException {
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? NullNode.getInstance() : json.readTree(response.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (body == null) {
                throw new ProxmoxApiException("Proxmox answered " + call.method() + " " + call.path() + " with a body that is not JSON");
            }
            JsonNode data = body.get("data");
            return data == null ? NullNode.getInstance() : data;
        }
        String reason = body == null ? "" : reason(body);
        String detail = reason.isEmpty() ? "" : ": " + reason;
        throw new ProxmoxApiException(redact(switch (status) {
            case 401 -> "Proxmox refused the API token (HTTP 401" + detail + "); check " + ProxmoxProperties.PREFIX
                    + "token-id (" + properties.getTokenId().trim() + ") and token-secret";
            case 403 -> "the API token lacks a permission for " + call.method() + " " + call.path() + " (HTTP 403" + detail + ")";
            default -> "Proxmox answered HTTP " + status + " to " + call.method() + " " + call.path() + detail;
        }));
    }

    /** Proxmox 8 puts the error in {@code message}; parameter errors come as {@code errors: {field: text}}. */
    private static String reason(JsonNode body) {
        StringBuilder reason = new StringBuilder();
        JsonNode message = body.get("message");
        if (message != null && message.isTextual()) {
            reason.append(message.asText().strip());
        }
        JsonNode errors = body.get("errors");
        if (errors != null && errors.isObject()) {
            errors.fields().forEachRemaining(e -> reason.append(reason.length() == 0 ? "" : "; ")
                    .append(e.getKey()).append(": ").append(e.getValue().asText().strip()));
        }
        String text = reason.toString();
        return text.length() > 500 ? text.substring(0, 497) + "..." : text;
    }

    private String transportProblem(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || (t.getMessage() != null && t.getMessage().contains("PKIX path"))) {
                return "TLS: the certificate of " + hostPort() + " is not trusted (no trusted CA signed it); set "
                        + ProxmoxProperties.PREFIX + "ca-file to the cluster's CA certificate (PEM, /etc/pve/pve-root-ca.pem)";
            }
            if (t instanceof CertificateExpiredException) {
                return "TLS: the certificate of " + hostPort() + " has expired";
            }
            if (t.getMessage() != null && (t.getMessage().contains("No subject alternative") || t.getMessage().contains("No name matching"))) {
                return "TLS: the certificate of " + hostPort() + " is not issued for " + base.getHost() + " (" + t.getMessage() + ")";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS handshake with " + hostPort() + " failed: " + t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "cannot connect to " + hostPort() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            }
        }
        return "request to " + hostPort() + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private String hostPort() {
        return base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
    }

    /** The text with the token secret (should anything have echoed it) masked. */
    String redact(String text) {
        String secret = properties.getTokenSecret() == null ? "" : properties.getTokenSecret().trim();
        return text == null || secret.isEmpty() ? text : text.replace(secret, "[REDACTED]");
    }

    static String human(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s % 60 == 0 && s > 0 ? (s / 60) + "m" : s + "s";
    }
}
