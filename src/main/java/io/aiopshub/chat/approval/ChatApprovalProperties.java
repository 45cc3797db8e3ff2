package io.aiopshub.chat.approval;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code aiops.chat.approvals.*}: approval messages in chat. */
@ConfigurationProperties(prefix = "aiops.chat.approvals")
public class ChatApprovalProperties {

    /** Milliseconds between two looks of the watcher at the runs' history (posting and editing messages). */
    private long pollInterval = 1000;
    /** Where people reach the hub ({@code https://hub.example.com}); the message links the full dry run there. */
    private String linkBaseUrl = "";
    /** Longest dry run shown in a message, in characters; the link has all of it. */
    private int dryRunExcerptLength = 600;

    public long getPollInterval() { return pollInterval; }
    public void setPollInterval(long pollInterval) { this.pollInterval = pollInterval; }
    public String getLinkBaseUrl() { return linkBaseUrl; }
    public void setLinkBaseUrl(String linkBaseUrl) { this.linkBaseUrl = linkBaseUrl; }
    public int getDryRunExcerptLength() { return dryRunExcerptLength; }
    public void setDryRunExcerptLength(int dryRunExcerptLength) { this.dryRunExcerptLength = dryRunExcerptLength; }
}
