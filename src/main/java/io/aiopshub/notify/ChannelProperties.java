package io.aiopshub.notify;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Channel settings under {@code aiops.channels.*}. A channel is configured when its required settings
 * are present; notifications for an unconfigured channel are recorded as skipped and written to the log.
 */
@ConfigurationProperties(prefix = "aiops.channels")
public class ChannelProperties {

    private final Telegram telegram = new Telegram();
    private final Slack slack = new Slack();
    private final Email email = new Email();
    private final PagerDuty pagerduty = new PagerDuty();
    private final Webhook webhook = new Webhook();

    public Telegram getTelegram() { return telegram; }
    public Slack getSlack() { return slack; }
    public Email getEmail() { return email; }
    public PagerDuty getPagerduty() { return pagerduty; }
    public Webhook getWebhook() { return webhook; }

    public boolean isConfigured(String channel) {
        return switch (channel) {
            case ChannelNames.TELEGRAM -> present(telegram.botToken) && present(telegram.chatId);
            case ChannelNames.SLACK -> present(slack.webhookUrl);
            case ChannelNames.EMAIL -> present(email.host) && present(email.from) && !email.to.isEmpty();
            case ChannelNames.PAGERDUTY -> present(pagerduty.routingKey);
            case ChannelNames.WEBHOOK -> present(webhook.url);
            case ChannelNames.LOG -> true;
            default -> false;
        };
    }

    /** Every configured secret value, so error messages can be scrubbed before they are logged or stored. */
    public java.util.List<String> secrets() {
        return java.util.stream.Stream.of(telegram.botToken, slack.webhookUrl, email.password, email.trustStorePassword,
                        pagerduty.routingKey, webhook.secret)
                .filter(ChannelProperties::present).toList();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    public static class Telegram {
        /** Bot token from @BotFather (secret). */
        private String botToken;
        /** Chat, group or channel id to post to. */
        private String chatId;
        /** Bot API base URL; change only for a self-hosted Bot API server or tests. */
        private String baseUrl = "https://api.telegram.org";

        public String getBotToken() { return botToken; }
        public void setBotToken(String botToken) { this.botToken = botToken; }
        public String getChatId() { return chatId; }
        public void setChatId(String chatId) { this.chatId = chatId; }
        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    }

    public static class Slack {
        /** Incoming webhook URL (secret). */
        private String webhookUrl;

        public String getWebhookUrl() { return webhookUrl; }
        public void setWebhookUrl(String webhookUrl) { this.webhookUrl = webhookUrl; }
    }

    public static class Email {
        private String host;
        /** 587 with STARTTLS, 465 with implicit TLS, 25 for a plain relay. */
        private int port = 587;
        /** starttls, tls (implicit, port 465) or none. */
        private String security = "starttls";
        private String username;
        /** (secret) */
        private String password;
        private String from;
        private List<String> to = new ArrayList<>();
        /**
         * PKCS12 trust store with the CA (or self-signed certificate) of a relay the JVM does not trust,
         * e.g. an internal CA. Empty: the JVM's trust store decides. Certificates are always verified.
         */
        private String trustStore;
        /** Password of {@link #trustStore} (secret). */
        private String trustStorePassword;

        public String getTrustStore() { return trustStore; }
        public void setTrustStore(String trustStore) { this.trustStore = trustStore; }
        public String getTrustStorePassword() { return trustStorePassword; }
        public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; }

        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public String getSecurity() { return security; }
        public void setSecurity(String security) { this.security = security; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getFrom() { return from; }
        public void setFrom(String from) { this.from = from; }
        public List<String> getTo() { return to; }
        public void setTo(List<String> to) { this.to = to; }
    }

    public static class PagerDuty {
        /** Events API v2 integration (routing) key (secret). */
        private String routingKey;
        private String url = "https://events.pagerduty.com/v2/enqueue";

        public String getRoutingKey() { return routingKey; }
        public void setRoutingKey(String routingKey) { this.routingKey = routingKey; }
        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
    }

    public static class Webhook {
        private String url;
        /** HMAC-SHA256 key for the signature header (secret); no header without it. */
        private String secret;
        private String signatureHeader = "X-Aiops-Signature";

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getSecret() { return secret; }
        public void setSecret(String secret) { this.secret = secret; }
        public String getSignatureHeader() { return signatureHeader; }
        public void setSignatureHeader(String signatureHeader) { this.signatureHeader = signatureHeader; }
    }
}
