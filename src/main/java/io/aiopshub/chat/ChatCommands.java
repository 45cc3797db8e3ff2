package io.aiopshub.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.api.ApiLimits;
import io.aiopshub.chat.command.ChatCommandException;
import io.aiopshub.chat.command.CommandExecutor;
import io.aiopshub.chat.command.CommandLimits;
import io.aiopshub.chat.command.CommandParser;
import io.aiopshub.redact.Redactor;

/**
 * The answer to one chat command, whatever the platform: parsed, carried out, then redacted and bounded.
 * Every answer text passes the {@link Redactor} here, once, whoever produced it.
 */
@Component
public class ChatCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCommands.class);
    private static final String CUT = "\n… (cut: the answer was too long)";

    private final CommandParser parser;
    private final CommandExecutor executor;
    private final Redactor redactor;
    private final int maxLength;

    public ChatCommands(ApiLimits limits, CommandExecutor executor, Redactor redactor, ChatProperties properties) {
        this.parser = new CommandParser(CommandLimits.of(limits));
        this.executor = executor;
        this.redactor = redactor;
        this.maxLength = Math.max(CUT.length() + 1, properties.getMaxAnswerLength());
    }

    public ChatAnswer answer(ChatUser user, String text) {
        ChatAnswer raw;
        try {
            raw = executor.execute(user, parser.parse(text));
        } catch (ChatCommandException e) {
            raw = ChatAnswer.reply(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Chat command from {} failed: {}", user.identity(), redactor.redact(String.valueOf(e.getMessage())), e);
            raw = ChatAnswer.reply("Sorry, that failed (" + e.getClass().getSimpleName()
                    + "; the hub's log has the details). Check with status or incidents before trying again.");
        }
        return new ChatAnswer(bounded(redactor.redact(raw.text())), raw.announce());
    }

    private String bounded(String text) {
        if (text.length() <= maxLength) {
            return text;
        }
        return text.substring(0, maxLength - CUT.length()) + CUT;
    }
}
