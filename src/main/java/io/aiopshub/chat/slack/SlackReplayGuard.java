package io.aiopshub.chat.slack;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses a signed Slack request seen before. A signature is remembered in the database (so every hub
 * instance refuses it) until its timestamp leaves the accepted window, after which the timestamp check
 * refuses it anyway.
 */
@Component
public class SlackReplayGuard {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SlackReplayGuard(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time a signature is presented; false for every later time until {@code keepUntil}. */
    public boolean firstUse(String signature, Instant keepUntil) {
        jdbc.update("delete from chat_seen_requests where expires_at < ?", Timestamp.from(clock.instant()));
        try {
            jdbc.update("insert into chat_seen_requests (signature, expires_at) values (?, ?)",
                    signature, Timestamp.from(keepUntil));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
