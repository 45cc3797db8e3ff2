package io.aiopshub.notify;

import java.util.List;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Plain-text e-mail. The subject carries severity, kind and title; the SMTP endpoint is built from
 * {@code aiops.channels.email.*}: STARTTLS on a plain connection (587), implicit TLS (465) or none.
 */
@Component("emailRenderer")
public class EmailRenderer {

    private final ChannelProperties channels;

    public EmailRenderer(ChannelProperties channels) {
        this.channels = channels;
    }

    public List<String> render(NotificationOutbox.Delivery delivery) {
        return List.of(String.join("\n", MessageText.plainLines(delivery.message())) + "\n\n-- \naiops-hub\n");
    }

    /** Subject, sender and recipients for the message being sent. */
    public void addHeaders(Exchange exchange) {
        NotificationOutbox.Delivery delivery = exchange.getProperty(NotificationDelivery.DELIVERY, NotificationOutbox.Delivery.class);
        String subject = MessageText.headline(delivery.message()).replaceAll("[\\r\\n]+", " ");
        ChannelProperties.Email email = channels.getEmail();
        exchange.getMessage().setHeader("Subject", subject.length() > 200 ? subject.substring(0, 200) : subject);
        exchange.getMessage().setHeader("From", email.getFrom());
        exchange.getMessage().setHeader("To", String.join(",", email.getTo()));
        exchange.getMessage().setHeader("Content-Type", "text/plain; charset=UTF-8");
    }

    /** The camel-mail endpoint for the configured server and security mode. */
    public String endpointUri() {
        ChannelProperties.Email email = channels.getEmail();
        String security = email.getSecurity() == null ? "starttls" : email.getSecurity().toLowerCase();
        StringBuilder uri = new StringBuilder(security.equals("tls") ? "smtps://" : "smtp://")
                .append(email.getHost()).append(':').append(email.getPort())
                .append("?connectionTimeout=10000");
        if (email.getUsername() != null && !email.getUsername().isBlank()) {
            uri.append("&username=RAW(").append(email.getUsername()).append(")")
                    .append("&password=RAW(").append(email.getPassword() == null ? "" : email.getPassword()).append(")");
        }
        if (security.equals("starttls")) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        if (email.getTrustStore() != null && !email.getTrustStore().isBlank() && !security.equals("none")) {
            uri.append("&sslContextParameters=#").append(EmailTls.BEAN);
        }
        return uri.toString();
    }
}
