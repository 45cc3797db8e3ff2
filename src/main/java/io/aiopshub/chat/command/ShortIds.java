package io.aiopshub.chat.command;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Resolves an id typed in chat, the full one or its first characters as the answers show them. */
@Component
public class ShortIds {

    /** What an id can name; each is one table with a {@code varchar(36)} id. */
    public enum Kind {
        INCIDENT("incidents", "incident"), SILENCE("silences", "silence"), RUN("action_runs", "run");

        private final String table;
        private final String noun;

        Kind(String table, String noun) {
            this.table = table;
            this.noun = noun;
        }
    }

    private final JdbcTemplate jdbc;

    public ShortIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The full id; a {@link ChatCommandException} when nothing or more than one thing has it. */
    public String resolve(Kind kind, String typed, Verb verb) {
        String escaped = typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        List<String> ids = jdbc.queryForList("select id from " + kind.table + " where id like ? escape '\\' order by id"
                + " fetch first 2 rows only", String.class, escaped + "%");
        if (ids.isEmpty()) {
            throw new ChatCommandException(verb.word() + ": no " + kind.noun + " " + typed);
        }
        if (ids.size() > 1 && !ids.get(0).equals(typed)) {
            throw new ChatCommandException(verb.word() + ": several " + kind.noun + "s start with " + typed
                    + "; give more of the id");
        }
        return ids.get(0);
    }
}
