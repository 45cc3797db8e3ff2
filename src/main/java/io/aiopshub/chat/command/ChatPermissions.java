package io.aiopshub.chat.command;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatProperties;
import io.aiopshub.chat.ChatUser;

/**
 * Who may change things from chat: the identities in {@code aiops.chat.operators}, nobody else (default deny).
 * Reading commands need no permission beyond reaching the hub's chat app.
 */
@Component
public class ChatPermissions {

    private final Set<String> operators;

    public ChatPermissions(ChatProperties properties) {
        this.operators = properties.getOperators().stream().map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public void requireOperator(ChatUser user, Verb verb) {
        if (!operators.contains(user.identity())) {
            throw new ChatCommandException(verb.word() + ": sorry, " + user.identity()
                    + " may not change anything from chat. An admin can add this id to aiops.chat.operators.");
        }
    }
}
