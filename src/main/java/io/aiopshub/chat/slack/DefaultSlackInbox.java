package io.aiopshub.chat.slack;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatCommands;
import io.aiopshub.chat.ChatUser;
import io.aiopshub.chat.command.Texts;
import io.aiopshub.redact.Redactor;

/**
 * Records every Slack request on the log (redacted), answers slash commands through {@link ChatCommands}
 * and hands clicks to the {@link SlackInteractionHandler} (approval buttons).
 */
@Component("slackInbox")
public class DefaultSlackInbox implements SlackInbox {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultSlackInbox.class);

    private final ChatCommands commands;
    private final SlackResponder responder;
    private final Redactor redactor;
    private final ObjectProvider<SlackInteractionHandler> interactions;

    public DefaultSlackInbox(ChatCommands commands, SlackResponder responder, Redactor redactor,
                             ObjectProvider<SlackInteractionHandler> interactions) {
        this.commands = commands;
        this.responder = responder;
        this.redactor = redactor;
        this.interactions = interactions;
    }

    @Override
    public void command(SlackCommand command) {
        ChatUser user = new ChatUser(SlackRequestVerifier.NAME, command.userId());
        String text = SlackText.unescape(command.text());
        LOG.info("Slack command from {} in {}: {} {}", user.identity(), command.channelId(), command.command(),
                redactor.redact(Texts.line(text, 200)));
        ChatAnswer answer = commands.answer(user, text);
        responder.reply(command.responseUrl(), answer);
    }

    @Override
    public void interaction(SlackInteraction interaction) {
        LOG.info("Slack {} from {}:{} in {} on message {}: {}", interaction.type(), SlackRequestVerifier.NAME,
                interaction.userId(), interaction.channelId(), interaction.messageTs(),
                redactor.redact(interaction.actions().stream().map(a -> a.actionId() + "=" + Texts.line(a.value(), 80))
                        .collect(Collectors.joining(", "))));
        SlackInteractionHandler handler = interactions.getIfUnique();
        if (handler != null) {
            handler.handle(interaction);
        }
    }
}
