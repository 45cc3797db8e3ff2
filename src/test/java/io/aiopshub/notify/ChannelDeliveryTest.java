package io.aiopshub.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.subethamail.smtp.server.SMTPServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

/**
 * Every channel against a real receiver: WireMock as the Telegram Bot API, Slack, PagerDuty and a
 * webhook receiver (asserting the exact requests), GreenMail (implicit TLS) and SubEthaSMTP (STARTTLS)
 * as mail servers. Messages go through the real outbox, dispatch route and channel routes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:channel-delivery;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "aiops.notify.poll-interval=100",
        "aiops.channels.telegram.chat-id=-100123",
        "aiops.channels.email.from=hub@example.org",
        "aiops.channels.email.to=oncall@example.org,lead@example.org",
        "aiops.channels.email.trust-store=src/test/resources/tls/smtp-trust.p12",
        "aiops.channels.email.trust-store-password=changeit"})
class ChannelDeliveryTest {

    static final String BOT = "123456:telegram-test-bot";
    static final String ROUTING = "R0UTINGKEY0000000000000000000000";
    static final String HMAC_KEY = "webhook-test-key";
    static final WireMockServer WIREMOCK = new WireMockServer(options().dynamicPort());
    static final GreenMail SMTPS = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
    static final List<String> STARTTLS_RECEIVED = new ArrayList<>();
    static final SMTPServer STARTTLS;

    static {
        WIREMOCK.start();
        // GreenMail serves the test certificate the hub's trust store knows (instead of its own).
        System.setProperty("greenmail.tls.keystore.file", "src/test/resources/tls/smtp-test.p12");
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        SMTPS.start();
        STARTTLS = SMTPServer.port(0).hostName("localhost").enableTLS().requireTLS()
                .startTlsSocketFactory(testTlsContext())
                .simpleMessageListener(new org.subethamail.smtp.helper.SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws java.io.IOException {
                        synchronized (STARTTLS_RECEIVED) {
                            STARTTLS_RECEIVED.add(recipient + "\n" + new String(data.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }).build();
        STARTTLS.start();
    }

    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        registry.add("aiops.channels.telegram.base-url", WIREMOCK::baseUrl);
        registry.add("aiops.channels.telegram.bot-token", () -> BOT);
        registry.add("aiops.channels.slack.webhook-url", () -> WIREMOCK.baseUrl() + "/services/T000/B000/XXXX");
        registry.add("aiops.channels.pagerduty.url", () -> WIREMOCK.baseUrl() + "/v2/enqueue");
        registry.add("aiops.channels.pagerduty.routing-key", () -> ROUTING);
        registry.add("aiops.channels.webhook.url", () -> WIREMOCK.baseUrl() + "/hooks/aiops");
        registry.add("aiops.channels.webhook.secret", () -> HMAC_KEY);
        registry.add("aiops.channels.email.host", () -> "localhost");
        registry.add("aiops.channels.email.port", () -> SMTPS.getSmtps().getPort());
        registry.add("aiops.channels.email.security", () -> "tls");
    }

    @AfterAll
    static void stopServers() {
        WIREMOCK.stop();
        SMTPS.stop();
        STARTTLS.stop();
    }

    @Autowired TestRestTemplate http;
    @Autowired NotificationOutbox outbox;
    @Autowired ChannelProperties channels;
    @Autowired JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void reset() {
        WIREMOCK.resetAll();
        WIREMOCK.stubFor(post(urlEqualTo("/bot" + BOT + "/sendMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"result\":{\"message_id\":1,\"date\":0,\"chat\":{\"id\":-100123,\"type\":\"group\"},\"text\":\"x\"}}")));
        WIREMOCK.stubFor(post(urlEqualTo("/services/T000/B000/XXXX")).willReturn(aResponse().withStatus(200).withBody("ok")));
        WIREMOCK.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}")));
        WIREMOCK.stubFor(post(urlEqualTo("/hooks/aiops")).willReturn(aResponse().withStatus(204)));
        jdbc.update("delete from notifications");
        io.aiopshub.support.TestIncidents.ensure(jdbc, "inc-42");
    }

    @Test
    void telegramEscapesEveryValueAndSplitsLongMessages() throws Exception {
        String text = "line with <tag> & \"quotes\"\n" + "0123456789".repeat(1000);
        notifyAdhoc("<script>alert(1)</script> & \"x\"", text, "critical", "telegram");
        List<LoggedRequest> requests = await().atMost(Duration.ofSeconds(20)).until(
                () -> WIREMOCK.findAll(postRequestedFor(urlEqualTo("/bot" + BOT + "/sendMessage"))), r -> r.size() == 3);
        StringBuilder all = new StringBuilder();
        for (LoggedRequest request : requests) {
            JsonNode body = json.readTree(request.getBodyAsString());
            assertThat(body.path("chat_id").asText()).isEqualTo("-100123");
            assertThat(body.path("parse_mode").asText()).isEqualTo("HTML");
            assertThat(body.path("text").asText().length()).isLessThanOrEqualTo(4096);
            all.append(body.path("text").asText()).append('\n');
        }
        String first = json.readTree(requests.get(0).getBodyAsString()).path("text").asText();
        assertThat(first).startsWith("<b>[CRITICAL] NOTICE: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</b>\n"
                + "line with &lt;tag&gt; &amp; &quot;quotes&quot;");
        assertThat(all.toString().replace("\n", "")).contains("0123456789".repeat(1000));
        assertThat(all.toString()).doesNotContain("<script>").doesNotContain("<tag>");
        assertSent("telegram", 1);
    }

    @Test
    void slackGetsBlockKitWithTheSeverityColour() throws Exception {
        notifyAdhoc("Disk almost full", "db-1: 93% used", "high", "slack");
        LoggedRequest request = await().atMost(Duration.ofSeconds(20)).until(
                () -> WIREMOCK.findAll(postRequestedFor(urlEqualTo("/services/T000/B000/XXXX"))), r -> r.size() == 1).get(0);
        JsonNode body = json.readTree(request.getBodyAsString());
        JsonNode attachment = body.path("attachments").get(0);
        assertThat(attachment.path("color").asText()).isEqualTo("#e8710a");
        assertThat(attachment.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(attachment.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("[HIGH] NOTICE: Disk almost full");
        assertThat(attachment.path("blocks").get(1).path("fields").get(0).path("text").asText()).isEqualTo("*Severity*\nhigh");
        assertThat(body.path("text").asText()).isEqualTo("[HIGH] NOTICE: Disk almost full");
        assertThat(SlackRenderer.colour(message(NotificationMessage.Kind.TRIGGER, "critical", null))).isEqualTo("#d50200");
        assertThat(SlackRenderer.colour(message(NotificationMessage.Kind.RESOLVED, "critical", null))).isEqualTo("#2eb886");
    }

    @Test
    void pagerDutyTriggersAcknowledgesAndResolvesWithTheIncidentsDedupKey() throws Exception {
        outbox.enqueue(message(NotificationMessage.Kind.TRIGGER, "critical", null), List.of("pagerduty"));
        awaitPagerDuty(1);
        outbox.enqueue(message(NotificationMessage.Kind.ACK, "critical", "alice"), List.of("pagerduty"));
        awaitPagerDuty(2);
        outbox.enqueue(message(NotificationMessage.Kind.RESOLVED, "critical", "alice"), List.of("pagerduty"));
        List<LoggedRequest> requests = awaitPagerDuty(3);

        JsonNode trigger = json.readTree(requests.get(0).getBodyAsString());
        assertThat(trigger.path("routing_key").asText()).isEqualTo(ROUTING);
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.path("dedup_key").asText()).isEqualTo("aiops-inc-42");
        assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(trigger.path("payload").path("source").asText()).isEqualTo("api");
        assertThat(trigger.path("payload").path("summary").asText()).isEqualTo("[CRITICAL] FIRING: HighCPU on api");
        assertThat(requests.get(0).getHeader("Content-Type")).startsWith("application/json");
        JsonNode ack = json.readTree(requests.get(1).getBodyAsString());
        assertThat(ack.path("event_action").asText()).isEqualTo("acknowledge");
        assertThat(ack.path("dedup_key").asText()).isEqualTo("aiops-inc-42");
        assertThat(ack.has("payload")).isFalse();
        JsonNode resolve = json.readTree(requests.get(2).getBodyAsString());
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo("aiops-inc-42");
    }

    @Test
    void webhookBodyIsSignedOverTheExactBytesSent() throws Exception {
        outbox.enqueue(message(NotificationMessage.Kind.TRIGGER, "warning", "bob"), List.of("webhook"));
        LoggedRequest request = await().atMost(Duration.ofSeconds(20)).until(
                () -> WIREMOCK.findAll(postRequestedFor(urlEqualTo("/hooks/aiops"))), r -> r.size() == 1).get(0);
        byte[] raw = request.getBody();
        assertThat(request.getHeader("X-Aiops-Signature")).isEqualTo("sha256=" + hmacHex(HMAC_KEY, raw));
        assertThat(request.getHeader("X-Aiops-Timestamp")).matches("\\d{10}");
        JsonNode body = json.readTree(raw);
        assertThat(body.path("version").asText()).isEqualTo("1");
        assertThat(body.path("kind").asText()).isEqualTo("TRIGGER");
        assertThat(body.path("dedup_key").asText()).isEqualTo("aiops-inc-42");
        assertThat(body.path("acked_by").asText()).isEqualTo("bob");
        assertThat(body.path("alerts").get(0).path("labels").path("service").asText()).isEqualTo("api");
        assertThat(request.getHeader("Authorization")).as("no hub header leaks to receivers").isNull();
    }

    @Test
    void emailOverImplicitTls() throws Exception {
        useMail("tls", SMTPS.getSmtps().getPort());
        outbox.enqueue(message(NotificationMessage.Kind.TRIGGER, "critical", "carol"), List.of("email"));
        await().atMost(Duration.ofSeconds(20)).until(() -> SMTPS.getReceivedMessages().length == 2);
        MimeMessage mail = SMTPS.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[CRITICAL] FIRING: HighCPU on api");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("hub@example.org");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("oncall@example.org", "lead@example.org");
        String body = ((String) mail.getContent());
        assertThat(body).contains("Acknowledged by carol: looking").contains("- HighCPU [firing] CPU above 90% (instance=10.0.0.1:9100, service=api)");
    }

    @Test
    void emailOverStartTls() {
        useMail("starttls", STARTTLS.getPortAllocated());
        outbox.enqueue(message(NotificationMessage.Kind.RESOLVED, "critical", null), List.of("email"));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            synchronized (STARTTLS_RECEIVED) {
                return STARTTLS_RECEIVED.size() == 2;
            }
        });
        synchronized (STARTTLS_RECEIVED) {
            assertThat(STARTTLS_RECEIVED.get(0)).startsWith("oncall@example.org").contains("Subject: [CRITICAL] RESOLVED: HighCPU on api");
        }
        assertSent("email", 1);
    }

    @Test
    void unconfiguredChannelIsSkippedNeverSent() throws Exception {
        String previous = channels.getSlack().getWebhookUrl();
        channels.getSlack().setWebhookUrl("");
        try {
            notifyAdhoc("t", "m", "info", "slack");
            await().atMost(Duration.ofSeconds(20)).until(() -> count("slack", "SKIPPED") == 1);
            assertThat(count("slack", "SENT")).isZero();
            assertThat(WIREMOCK.findAll(postRequestedFor(urlEqualTo("/services/T000/B000/XXXX")))).isEmpty();
        } finally {
            channels.getSlack().setWebhookUrl(previous);
        }
    }

    private void useMail(String security, int port) {
        channels.getEmail().setSecurity(security);
        channels.getEmail().setPort(port);
    }

    private List<LoggedRequest> awaitPagerDuty(int n) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> WIREMOCK.findAll(postRequestedFor(urlEqualTo("/v2/enqueue"))), r -> r.size() == n);
    }

    private void assertSent(String channel, int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> count(channel, "SENT") == n);
    }

    private long count(String channel, String status) {
        return jdbc.queryForObject("select count(*) from notifications where channel = ? and status = ?", Long.class,
                channel, status);
    }

    private void notifyAdhoc(String title, String text, String priority, String channel) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("test-token");
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = json.writeValueAsString(Map.of("title", title, "message", text, "priority", priority,
                "channels", List.of(channel)));
        assertThat(http.postForEntity("/api/v1/notify", new HttpEntity<>(body, headers), String.class)
                .getStatusCode().value()).isEqualTo(202);
    }

    static NotificationMessage message(NotificationMessage.Kind kind, String severity, String ackedBy) {
        return new NotificationMessage("inc-42", "aiops-inc-42", kind, severity, "HighCPU on api", "1 firing, 0 resolved",
                List.of(new NotificationMessage.AlertLine("HighCPU", "firing", "CPU above 90%",
                        Map.of("alertname", "HighCPU", "service", "api", "instance", "10.0.0.1:9100"), Instant.parse("2026-01-01T00:00:00Z"))),
                1, 0, ackedBy, ackedBy == null ? null : "looking", Map.of("alertname", "HighCPU", "service", "api"),
                Instant.parse("2026-01-01T00:05:00Z"));
    }

    static String hmacHex(String key, byte[] bytes) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(bytes));
    }

    private static SSLContext testTlsContext() {
        try (InputStream in = ChannelDeliveryTest.class.getResourceAsStream("/tls/smtp-test.p12")) {
            char[] pass = "changeit".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, pass);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, pass);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("test TLS context", e);
        }
    }
}
