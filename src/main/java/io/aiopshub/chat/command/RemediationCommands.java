package io.aiopshub.chat.command;

import java.util.Map;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatUser;

/**
 * The commands that need the action runner: {@code actions}, {@code run}, {@code approve}, {@code reject}.
 * The runner provides a bean of this type; until one exists, {@link #UNAVAILABLE} answers. Every decision
 * goes through the runner's state machine and policy; chat only carries who asked.
 */
public interface RemediationCommands {

    ChatAnswer actions(ChatUser user, String incidentId);

    ChatAnswer run(ChatUser user, String action, Map<String, String> parameters);

    ChatAnswer approve(ChatUser user, String runId);

    ChatAnswer reject(ChatUser user, String runId, String reason);

    /** Answers every command with "not available yet"; changes nothing. */
    RemediationCommands UNAVAILABLE = new RemediationCommands() {
        @Override
        public ChatAnswer actions(ChatUser user, String incidentId) {
            return notYet(Verb.ACTIONS);
        }

        @Override
        public ChatAnswer run(ChatUser user, String action, Map<String, String> parameters) {
            return notYet(Verb.RUN);
        }

        @Override
        public ChatAnswer approve(ChatUser user, String runId) {
            return notYet(Verb.APPROVE);
        }

        @Override
        public ChatAnswer reject(ChatUser user, String runId, String reason) {
            return notYet(Verb.REJECT);
        }

        private ChatAnswer notYet(Verb verb) {
            return ChatAnswer.reply(verb.word() + ": not available yet in chat (the action runner is not connected); "
                    + "nothing was changed.");
        }
    };
}
