package io.aiopshub.chat.command;

/**
 * A command that cannot be done as asked: bad input, an unknown id, a missing permission. Its message is
 * the whole answer ("silence: duration '2x' is not a duration like 30m or 2h"); nothing was changed.
 */
public class ChatCommandException extends RuntimeException {

    public ChatCommandException(String message) {
        super(message, null, false, false);
    }
}
