package io.aiopshub.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code aiops.chat.*}: commands from chat platforms. */
@ConfigurationProperties(prefix = "aiops.chat")
public class ChatProperties {

    /**
     * Chat identities ({@code slack:<member id>}, {@code telegram:<user id>}) that may change things with a
     * command (ack, silence, unsilence). Empty: nobody; reading commands answer everyone who can reach them.
     */
    private List<String> operators = new ArrayList<>();
    /** Longest answer in characters (Slack shows at most 3000 in one block); longer ones are cut with a note. */
    private int maxAnswerLength = 3000;
    /** Chat requests waiting for a worker; when full, new ones are refused (Slack shows an error and may retry). */
    private int inboxSize = 200;
    /** Chat requests carried out at once. */
    private int inboxWorkers = 2;
    private final Slack slack = new Slack();

    public List<String> getOperators() { return operators; }
    public void setOperators(List<String> operators) { this.operators = operators; }
    public int getMaxAnswerLength() { return maxAnswerLength; }
    public void setMaxAnswerLength(int maxAnswerLength) { this.maxAnswerLength = maxAnswerLength; }
    public int getInboxSize() { return inboxSize; }
    public void setInboxSize(int inboxSize) { this.inboxSize = inboxSize; }
    public int getInboxWorkers() { return inboxWorkers; }
    public void setInboxWorkers(int inboxWorkers) { this.inboxWorkers = inboxWorkers; }
    public Slack getSlack() { return slack; }

    public static class Slack {
        /** The Slack app's signing secret (Basic Information > App Credentials). Empty: the Slack endpoints are off (404). */
        private String signingSecret = "";
        /** Answers go only to response URLs that start with this (Slack's own host), never anywhere a payload names. */
        private String responseUrlPrefix = "https://hooks.slack.com/";
        /** Longest wait for Slack to take an answer posted to a response URL. */
        private Duration responseTimeout = Duration.ofSeconds(10);
        /** Bot User OAuth token ({@code xoxb-…}, secret) for approval messages. Empty: no approval messages in Slack. */
        private String botToken = "";
        /** Channel ids (such as {@code C024BE91L}) that get one approval message per run awaiting approval. */
        private List<String> approvalChannels = new ArrayList<>();
        /** Slack Web API base URL; change only for tests or a proxy. */
        private String apiUrl = "https://slack.com/api/";
        /** Longest wait for one Slack Web API call (chat.postMessage, chat.update). */
        private Duration apiTimeout = Duration.ofSeconds(10);

        public String getSigningSecret() { return signingSecret; }
        public void setSigningSecret(String signingSecret) { this.signingSecret = signingSecret; }
        public String getResponseUrlPrefix() { return responseUrlPrefix; }
        public void setResponseUrlPrefix(String responseUrlPrefix) { this.responseUrlPrefix = responseUrlPrefix; }
        public Duration getResponseTimeout() { return responseTimeout; }
        public void setResponseTimeout(Duration responseTimeout) { this.responseTimeout = responseTimeout; }
        public String getBotToken() { return botToken; }
        public void setBotToken(String botToken) { this.botToken = botToken; }
        public List<String> getApprovalChannels() { return approvalChannels; }
        public void setApprovalChannels(List<String> approvalChannels) { this.approvalChannels = approvalChannels; }
        public String getApiUrl() { return apiUrl; }
        public void setApiUrl(String apiUrl) { this.apiUrl = apiUrl; }
        public Duration getApiTimeout() { return apiTimeout; }
        public void setApiTimeout(Duration apiTimeout) { this.apiTimeout = apiTimeout; }
    }
}
