package io.aiopshub.chat.command;

import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatUser;
import io.aiopshub.incident.SilenceService;

/** {@code silence <matchers> <duration> [comment]} and {@code unsilence <id>}, through {@link SilenceService} as the API. */
@Component
public class SilenceCommands {

    private final SilenceService silences;
    private final ShortIds ids;
    private final ChatPermissions permissions;
    private final Clock clock;

    public SilenceCommands(SilenceService silences, ShortIds ids, ChatPermissions permissions, Clock clock) {
        this.silences = silences;
        this.ids = ids;
        this.permissions = permissions;
        this.clock = clock;
    }

    public ChatAnswer silence(ChatUser user, ChatCommand.Silence command) {
        permissions.requireOperator(user, Verb.SILENCE);
        Instant endsAt = clock.instant().plus(command.duration());
        String comment = command.comment() == null ? "silenced from chat" : command.comment();
        SilenceService.Silence created = silences.create(command.matchers(), null, endsAt, user.identity(), comment);
        return ChatAnswer.announcement("Silenced " + matchers(created) + " for " + Texts.duration(command.duration())
                + " (until " + Texts.time(created.endsAt()) + ") by " + user.identity() + ": " + Texts.line(comment, 200)
                + "\nSilence " + Texts.shortId(created.id()) + "; unsilence " + Texts.shortId(created.id()) + " ends it.");
    }

    public ChatAnswer unsilence(ChatUser user, ChatCommand.Unsilence command) {
        permissions.requireOperator(user, Verb.UNSILENCE);
        String id = ids.resolve(ShortIds.Kind.SILENCE, command.id(), Verb.UNSILENCE);
        SilenceService.Silence before = silences.get(id)
                .orElseThrow(() -> new ChatCommandException("unsilence: no silence " + command.id()));
        if ("expired".equals(before.state())) {
            return ChatAnswer.reply("Silence " + Texts.shortId(id) + " (" + matchers(before) + ") had already ended "
                    + Texts.time(before.endsAt()) + ".");
        }
        silences.expire(id);
        return ChatAnswer.announcement("Silence " + Texts.shortId(id) + " (" + matchers(before) + ") ended by "
                + user.identity() + ".");
    }

    private static String matchers(SilenceService.Silence silence) {
        return silence.matchers().stream().map(m -> m.name() + m.op() + "\""
                + m.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(","));
    }
}
