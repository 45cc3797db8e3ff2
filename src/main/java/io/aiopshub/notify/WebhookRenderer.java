package io.aiopshub.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The generic webhook: a versioned JSON document, rendered to bytes once so the HMAC-SHA256 signature
 * ({@code sha256=<hex>}) is computed over exactly the bytes that go out.
 */
@Component("webhookRenderer")
public class WebhookRenderer {

    private final ChannelProperties channels;
    private final ObjectMapper json;

    public WebhookRenderer(ChannelProperties channels, ObjectMapper json) {
        this.channels = channels;
        this.json = json;
    }

    public List<byte[]> render(NotificationOutbox.Delivery delivery) throws JsonProcessingException {
        NotificationMessage m = delivery.message();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "1");
        body.put("notification_id", delivery.id());
        body.put("kind", m.kind().name());
        body.put("severity", m.severity());
        body.put("title", m.title());
        body.put("text", m.text());
        body.put("incident_id", m.incidentId());
        body.put("dedup_key", m.dedupKey());
        body.put("firing", m.firing());
        body.put("resolved", m.resolved());
        body.put("acked_by", m.ackedBy());
        body.put("ack_comment", m.ackComment());
        body.put("group_labels", m.groupLabels());
        body.put("alerts", m.alerts());
        body.put("at", m.at());
        return List.of(json.writeValueAsBytes(body));
    }

    /** Sets the signature and timestamp headers on the exchange that carries the rendered bytes. */
    public void sign(Exchange exchange) {
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setHeader("X-Aiops-Timestamp", String.valueOf(System.currentTimeMillis() / 1000));
        String secret = channels.getWebhook().getSecret();
        if (secret != null && !secret.isBlank()) {
            exchange.getMessage().setHeader(channels.getWebhook().getSignatureHeader(), "sha256=" + hmac(secret, bytes));
        }
    }

    static String hmac(String secret, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
