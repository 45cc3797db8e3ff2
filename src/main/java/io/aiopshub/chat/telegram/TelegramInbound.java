package io.aiopshub.chat.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.component.telegram.TelegramConstants;
import org.apache.camel.component.telegram.model.IncomingCallbackQuery;
import org.apache.camel.component.telegram.model.IncomingMessage;
import org.apache.camel.component.telegram.model.OutgoingCallbackQueryMessage;
import org.apache.camel.component.telegram.model.OutgoingMessage;
import org.apache.camel.component.telegram.model.OutgoingTextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatCommands;
import io.aiopshub.chat.ChatProperties;
import io.aiopshub.chat.ChatUser;
import io.aiopshub.chat.approval.ApprovalStore;
import io.aiopshub.chat.approval.ChatApprovals;
import io.aiopshub.chat.approval.ChatDecision;

/**
 * One update from the bot's long polling (route {@code chat-telegram-updates}): a message is a command, a
 * callback query is a click on an approval button. Returns the messages to send back (an answer, the
 * callback's answer), with the chat id header set from the message the update came with (camel-telegram
 * 4.17 sets none for callbacks and refuses to send without one). An update handled before (Telegram
 * redelivers the last batch after a restart; a second instance may have polled it) is ignored.
 */
@Component("telegramInbound")
public class TelegramInbound {

    /** Telegram shows at most 200 characters in a callback's answer. */
    static final int MAX_CALLBACK_ANSWER = 200;
    private static final Logger LOG = LoggerFactory.getLogger(TelegramInbound.class);

    private final ChatCommands commands;
    private final ChatApprovals approvals;
    private final ApprovalStore seen;
    private final TelegramChatProperties properties;
    private final Set<String> operators;

    public TelegramInbound(ChatCommands commands, ChatApprovals approvals, ApprovalStore seen,
                           TelegramChatProperties properties, ChatProperties chat) {
        this.commands = commands;
        this.approvals = approvals;
        this.seen = seen;
        this.properties = properties;
        this.operators = chat.getOperators().stream().map(String::trim).collect(Collectors.toUnmodifiableSet());
    }

    public List<OutgoingMessage> handle(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof IncomingCallbackQuery click) {
            return click(exchange, click);
        }
        if (body instanceof IncomingMessage message) {
            return message(exchange, message);
        }
        return List.of();
    }

    private List<OutgoingMessage> click(Exchange exchange, IncomingCallbackQuery click) {
        if (click.getId() == null || click.getFrom() == null || click.getMessage() == null
                || click.getMessage().getChat() == null || !seen.firstTime("telegram-update:callback:" + click.getId())) {
            return List.of();
        }
        String chatId = click.getMessage().getChat().getId();
        exchange.getMessage().setHeader(TelegramConstants.TELEGRAM_CHAT_ID, chatId);
        ChatDecision decision = TelegramApprovalText.decision(click.getData());
        ChatUser user = new ChatUser(TelegramApprovalChannel.NAME, String.valueOf(click.getFrom().getId()));
        ChatAnswer answer = decision == null
                ? ChatAnswer.reply("This button is not one of the hub's; nothing changed.")
                : approvals.decide(user, TelegramApprovalText.callbackId(click.getData()), decision, click.getId(), null);
        List<OutgoingMessage> out = new ArrayList<>();
        OutgoingCallbackQueryMessage reply = new OutgoingCallbackQueryMessage();
        reply.setCallbackQueryId(click.getId());
        reply.setText(TelegramApprovalText.cut(answer.text(), MAX_CALLBACK_ANSWER));
        // Refusals and "already approved by ..." must be read: an alert stays until dismissed.
        reply.setShowAlert(!answer.announce());
        reply.setChatId(chatId);
        out.add(reply);
        if (decision == ChatDecision.DETAILS) {
            // The whole excerpt does not fit a callback's answer: it goes to the chat, under the approval message.
            OutgoingTextMessage details = OutgoingTextMessage.builder().text(TelegramApprovalText.cut(answer.text(),
                    TelegramApprovalText.MAX_TEXT)).build();
            details.setChatId(chatId);
            details.setReplyToMessageId(click.getMessage().getMessageId());
            out.add(details);
        }
        return out;
    }

    private List<OutgoingMessage> message(Exchange exchange, IncomingMessage message) {
        if (message.getChat() == null || message.getFrom() == null || message.getText() == null || message.getText().isBlank()
                || !seen.firstTime("telegram-update:message:" + message.getChat().getId() + ":" + message.getMessageId())) {
            return List.of();
        }
        String chatId = message.getChat().getId();
        ChatUser user = new ChatUser(TelegramApprovalChannel.NAME, String.valueOf(message.getFrom().getId()));
        boolean approvalChat = properties.chatIds().contains(chatId);
        boolean privateChat = "private".equals(message.getChat().getType());
        if (!approvalChat && !(privateChat && operators.contains(user.identity()))) {
            // Anyone on Telegram can write to a bot: the hub answers only its own chats and its operators.
            LOG.info("Ignored a Telegram message from {} in chat {}: not an approval chat, not an operator", user.identity(), chatId);
            return List.of();
        }
        String text = message.getText().strip();
        if (!privateChat && !text.startsWith("/")) {
            // In a group only /commands are for the hub; people talk to each other too.
            return List.of();
        }
        exchange.getMessage().setHeader(TelegramConstants.TELEGRAM_CHAT_ID, chatId);
        ChatAnswer answer = commands.answer(user, command(text));
        OutgoingTextMessage reply = OutgoingTextMessage.builder().text(TelegramApprovalText.cut(answer.text(),
                TelegramApprovalText.MAX_TEXT)).build();
        reply.setChatId(chatId);
        reply.setReplyToMessageId(message.getMessageId());
        return List.of(reply);
    }

    /** An answer Telegram did not take (step chat-telegram-answer-failed), logged without the bot token. */
    public void answerFailed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("Answering on Telegram failed: {}", TelegramSecrets.scrub(failure == null ? "" : String.valueOf(failure.getMessage()),
                properties.getBotToken()));
    }

    /** {@code /status@hub_bot 3} → {@code status 3}: Telegram's command form to the hub's. */
    static String command(String text) {
        String stripped = text.startsWith("/") ? text.substring(1) : text;
        String[] words = stripped.split("\\s", 2);
        String first = words[0];
        int at = first.indexOf('@');
        if (at >= 0) {
            first = first.substring(0, at);
        }
        return words.length > 1 ? first + " " + words[1] : first;
    }
}
