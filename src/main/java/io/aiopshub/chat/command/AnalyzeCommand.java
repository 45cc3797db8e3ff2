package io.aiopshub.chat.command;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.rca.IncidentAnalysisService;

/** {@code analyze <service> [window]}: the same chain as {@code POST /api/v1/analyze}; nothing is stored. */
@Component
public class AnalyzeCommand {

    private final IncidentAnalysisService analysis;
    private final ObjectMapper json;

    public AnalyzeCommand(IncidentAnalysisService analysis, ObjectMapper json) {
        this.analysis = analysis;
        this.json = json;
    }

    public ChatAnswer analyze(ChatCommand.Analyze command) {
        IncidentAnalysisService.ServiceAnalysis answer = analysis.analyzeService(command.service(), command.window());
        JsonNode result = json.valueToTree(answer.result());
        StringBuilder text = new StringBuilder("Analysis of " + command.service() + " over the last "
                + Texts.duration(command.window()) + " (" + answer.provider() + "):\n"
                + Texts.line(result.path("summary").asText(""), 400));
        String rootCause = result.path("root_cause").asText("");
        if (!rootCause.isBlank()) {
            text.append("\nRoot cause: ").append(Texts.line(rootCause, 400));
        }
        JsonNode actions = result.path("suggested_actions");
        for (int i = 0; i < Math.min(3, actions.size()); i++) {
            JsonNode action = actions.get(i);
            text.append("\n• suggested: ").append(action.path("action_id").asText("?"))
                    .append(action.path("reason").asText("").isBlank() ? "" : " (" + Texts.line(action.path("reason").asText(), 160) + ")");
        }
        return ChatAnswer.reply(text.toString());
    }
}
