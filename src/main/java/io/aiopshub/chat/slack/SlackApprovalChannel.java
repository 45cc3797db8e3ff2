package io.aiopshub.chat.slack;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatProperties;
import io.aiopshub.chat.approval.ApprovalChannel;
import io.aiopshub.chat.approval.ApprovalMessage;
import io.aiopshub.chat.approval.PostedApproval;

/**
 * Approval messages in Slack: one Block Kit message per configured channel with chat.postMessage (its
 * {@code ts} kept to edit it), replaced with chat.update when the run moves on. Off without a bot token or
 * without channels: nothing is posted and nothing is edited.
 */
@Component
public class SlackApprovalChannel implements ApprovalChannel {

    private static final Logger LOG = LoggerFactory.getLogger(SlackApprovalChannel.class);

    private final SlackWebApi slack;
    private final List<String> channels;

    public SlackApprovalChannel(SlackWebApi slack, ChatProperties properties) {
        this.slack = slack;
        List<String> configured = properties.getSlack().getApprovalChannels();
        this.channels = configured == null ? List.of()
                : configured.stream().map(String::trim).filter(c -> !c.isEmpty()).distinct().toList();
        if (slack.enabled() && channels.isEmpty()) {
            LOG.warn("Slack approvals are off: a bot token is set but aiops.chat.slack.approval-channels is empty");
        }
    }

    @Override
    public String name() {
        return SlackRequestVerifier.NAME;
    }

    /** True when approval messages are posted: a bot token and at least one channel. */
    public boolean enabled() {
        return slack.enabled() && !channels.isEmpty();
    }

    /** One message per channel; a channel Slack refuses is logged and left out, the others still get theirs. */
    @Override
    public List<PostedApproval> post(ApprovalMessage message) {
        if (!enabled()) {
            return List.of();
        }
        String text = SlackApprovalBlocks.fallbackText(message);
        List<PostedApproval> posted = new ArrayList<>();
        for (String channel : channels) {
            try {
                String ts = slack.postMessage(channel, text, SlackApprovalBlocks.blocks(message));
                posted.add(new PostedApproval(message.runId(), name(), channel, ts));
            } catch (SlackWebApi.SlackApiCallException e) {
                LOG.warn("Slack approval message for run {} not posted to {}: {}", message.runId(), channel, e.getMessage());
            }
        }
        return posted;
    }

    /** Failures are thrown: the caller decides whether to try again. */
    @Override
    public void update(PostedApproval posted, ApprovalMessage message) {
        if (!slack.enabled() || !name().equals(posted.channel())) {
            return;
        }
        slack.updateMessage(posted.chatId(), posted.messageRef(), SlackApprovalBlocks.fallbackText(message),
                SlackApprovalBlocks.blocks(message));
    }
}
