package io.aiopshub.chat.question;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.aiopshub.chat.command.Texts;
import io.aiopshub.rca.similar.Runbooks;

/** The runbook sections nearest to some words, as the analysis finds them: reads only. */
@Component
public class RunbookTools implements QuestionTool {

    static final int SECTIONS = 3;

    private final Runbooks runbooks;

    public RunbookTools(Runbooks runbooks) {
        this.runbooks = runbooks;
    }

    @Tool(name = "search_runbooks", value = "The operators' runbook sections nearest to the words given (up to 3).")
    public String searchRunbooks(@P("what to look for, e.g. 'disk full postgres'") String words) {
        if (words == null || words.isBlank()) {
            return "error: give some words to look for";
        }
        List<Runbooks.Section> sections = runbooks.relevant(Texts.line(words, 500), SECTIONS);
        if (sections.isEmpty()) {
            return "no runbooks";
        }
        StringBuilder text = new StringBuilder();
        for (Runbooks.Section section : sections) {
            text.append(text.length() == 0 ? "" : "\n").append("- ").append(section.heading()).append(" (")
                    .append(section.file()).append("): ").append(Texts.line(section.text(), 800));
        }
        return text.toString();
    }
}
