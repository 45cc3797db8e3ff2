package io.aiopshub.chat.command;

/** The answer to {@code help} and {@code help <command>}. */
final class HelpText {

    private HelpText() { }

    static String of(Verb topic) {
        if (topic != null) {
            return topic.usage() + "\n" + topic.description() + ". Ids may be shortened to their first "
                    + Texts.SHORT_ID + " characters.";
        }
        StringBuilder text = new StringBuilder("Commands:");
        for (Verb verb : Verb.values()) {
            text.append("\n• ").append(verb.usage()).append(" — ").append(verb.description());
        }
        return text.toString();
    }
}
