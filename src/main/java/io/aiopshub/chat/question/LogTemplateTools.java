package io.aiopshub.chat.question;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.aiopshub.chat.command.Texts;

/** The log templates the miner found for a service (analysis/logs), most frequent first: reads only. */
@Component
public class LogTemplateTools implements QuestionTool {

    static final int MAX_TEMPLATES = 20;

    private final JdbcTemplate jdbc;

    public LogTemplateTools(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Tool(name = "log_templates", value = "The error log templates of a service (variable parts shown as <*>), most "
            + "frequent first, with how often and when each was last seen.")
    public String logTemplates(@P("the service name") String service,
                               @P(value = "how many templates, 1 to 20 (default 10)", required = false) Integer limit) {
        if (service == null || service.isBlank()) {
            return "error: give a service";
        }
        int rows = limit == null ? 10 : Math.max(1, Math.min(MAX_TEMPLATES, limit));
        List<String> templates = jdbc.query("select template_id, occurrences, last_seen_at, template from log_templates "
                + "where service = ? order by occurrences desc fetch first " + rows + " rows only",
                (rs, i) -> "- " + rs.getString(1) + " x" + rs.getLong(2) + ", last " + Texts.time(rs.getTimestamp(3).toInstant())
                        + ": " + Texts.line(rs.getString(4), 300), service.trim());
        if (templates.isEmpty()) {
            return "no log templates for service " + service.trim();
        }
        return "log templates of " + service.trim() + ":\n" + String.join("\n", templates);
    }
}
