package io.aiopshub.chat.command;

import java.util.List;

import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.rca.similar.Runbooks;

/** {@code runbook <words>}: the runbook sections nearest to the words, as the analysis finds them. */
@Component
public class RunbookCommand {

    static final int SECTIONS = 3;
    private static final int EXCERPT = 400;

    private final Runbooks runbooks;

    public RunbookCommand(Runbooks runbooks) {
        this.runbooks = runbooks;
    }

    public ChatAnswer search(ChatCommand.Runbook command) {
        List<Runbooks.Section> sections = runbooks.relevant(command.words(), SECTIONS);
        if (sections.isEmpty()) {
            return ChatAnswer.reply("runbook: there are no runbooks to search.");
        }
        StringBuilder text = new StringBuilder("Runbook sections for " + Texts.line(command.words(), 80) + ":");
        for (Runbooks.Section section : sections) {
            text.append("\n• ").append(section.heading()).append(" (").append(section.file()).append(")\n  ")
                    .append(Texts.line(section.text(), EXCERPT));
        }
        return ChatAnswer.reply(text.toString());
    }
}
