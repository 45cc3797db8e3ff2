package io.aiopshub.chat.question;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.langchain4j.agent.tool.Tool;
import io.aiopshub.chat.command.Texts;

/** The silences in force: reads only. */
@Component
public class SilenceTools implements QuestionTool {

    static final int MAX_SILENCES = 20;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SilenceTools(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Tool(name = "active_silences", value = "The silences in force now (alerts they match are not notified): id, "
            + "matchers, end time, who created them and why.")
    public String activeSilences() {
        Timestamp now = Timestamp.from(clock.instant());
        List<String> silences = jdbc.query("select id, matchers_json, ends_at, created_by, comment from silences "
                + "where starts_at <= ? and ends_at > ? and expired_at is null order by ends_at fetch first "
                + MAX_SILENCES + " rows only", (rs, i) -> "- " + rs.getString(1) + " " + Texts.line(rs.getString(2), 300)
                + " until " + Texts.time(rs.getTimestamp(3).toInstant()) + " by " + rs.getString(4) + ": "
                + Texts.line(rs.getString(5), 200), now, now);
        return silences.isEmpty() ? "no silences in force" : "silences in force:\n" + String.join("\n", silences);
    }
}
