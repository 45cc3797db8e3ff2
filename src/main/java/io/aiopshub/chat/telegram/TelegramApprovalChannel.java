package io.aiopshub.chat.telegram;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.telegram.TelegramConstants;
import org.apache.camel.component.telegram.model.EditMessageTextMessage;
import org.apache.camel.component.telegram.model.MessageResult;
import org.apache.camel.component.telegram.model.OutgoingMessage;
import org.apache.camel.component.telegram.model.OutgoingTextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.chat.approval.ApprovalChannel;
import io.aiopshub.chat.approval.ApprovalMessage;
import io.aiopshub.chat.approval.PostedApproval;

/**
 * Approval messages in the configured Telegram chats (sendMessage with an inline keyboard), edited in place
 * (editMessageText) after a decision and when the run ends; without a bot token it posts nothing.
 * Sends through route {@code chat-telegram-send}.
 */
@Component
public class TelegramApprovalChannel implements ApprovalChannel {

    public static final String NAME = "telegram";
    private static final Logger LOG = LoggerFactory.getLogger(TelegramApprovalChannel.class);

    private final TelegramChatProperties properties;
    private final ProducerTemplate producer;

    public TelegramApprovalChannel(TelegramChatProperties properties, ProducerTemplate producer) {
        this.properties = properties;
        this.producer = producer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PostedApproval> post(ApprovalMessage message) {
        List<PostedApproval> posted = new ArrayList<>();
        if (!properties.enabled()) {
            return posted;
        }
        for (String chatId : properties.chatIds()) {
            OutgoingTextMessage text = OutgoingTextMessage.builder().text(TelegramApprovalText.text(message))
                    .replyMarkup(TelegramApprovalText.buttons(message)).build();
            try {
                MessageResult result = send(chatId, text).getMessage().getBody(MessageResult.class);
                if (result == null || result.getMessage() == null || result.getMessage().getMessageId() == null) {
                    LOG.warn("Telegram did not say where the approval message of run {} landed in chat {}", message.runId(), chatId);
                    continue;
                }
                posted.add(new PostedApproval(message.runId(), NAME, chatId, String.valueOf(result.getMessage().getMessageId())));
            } catch (RuntimeException e) {
                // One chat failing (the bot was removed from it) must not keep the message from the others.
                LOG.warn("Posting the approval message of run {} to Telegram chat {} failed: {}", message.runId(), chatId,
                        TelegramSecrets.scrub(e.getMessage(), properties.getBotToken()));
            }
        }
        return posted;
    }

    @Override
    public void update(PostedApproval posted, ApprovalMessage message) {
        if (!properties.enabled()) {
            return;
        }
        EditMessageTextMessage edit = EditMessageTextMessage.builder().chatId(posted.chatId())
                .messageId(Integer.valueOf(posted.messageRef())).text(TelegramApprovalText.text(message))
                .replyMarkup(TelegramApprovalText.buttons(message)).build();
        send(posted.chatId(), edit);
    }

    private Exchange send(String chatId, OutgoingMessage message) {
        Exchange result = producer.request("direct:chat-telegram-send", e -> {
            e.getIn().setHeader(TelegramConstants.TELEGRAM_CHAT_ID, chatId);
            e.getIn().setBody(message);
        });
        if (result.getException() != null) {
            throw new IllegalStateException("Telegram refused " + message.getClass().getSimpleName() + ": "
                    + TelegramSecrets.scrub(result.getException().getMessage(), properties.getBotToken()));
        }
        return result;
    }
}
