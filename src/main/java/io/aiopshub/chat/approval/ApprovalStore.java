package io.aiopshub.chat.approval;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The chat approvals' tables (V60): the buttons' short ids, where messages were posted, the clicks and
 * updates already handled, and how far the watcher has read the runs' history.
 */
@Component
public class ApprovalStore {

    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final int CALLBACK_ID_LENGTH = 10;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApprovalStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The run's button id, made on first use; random, so a button never reveals or guesses a run. */
    public String callbackId(String runId) {
        Optional<String> known = jdbc.queryForList("select callback_id from chat_approval_refs where run_id = ?",
                String.class, runId).stream().findFirst();
        if (known.isPresent()) {
            return known.get();
        }
        String id = newId();
        try {
            jdbc.update("insert into chat_approval_refs (callback_id, run_id, created_at) values (?, ?, ?)", id, runId, now());
            return id;
        } catch (DuplicateKeyException e) {
            // Another thread gave the run its id first (or, in 32^10, the id was taken): use what is stored.
            return jdbc.queryForObject("select callback_id from chat_approval_refs where run_id = ?", String.class, runId);
        }
    }

    public Optional<String> runOfCallback(String callbackId) {
        return jdbc.queryForList("select run_id from chat_approval_refs where callback_id = ?", String.class, callbackId)
                .stream().findFirst();
    }

    public void posted(PostedApproval posted) {
        try {
            jdbc.update("insert into chat_posted_approvals (run_id, channel, chat_id, message_ref, posted_at) values (?, ?, ?, ?, ?)",
                    posted.runId(), posted.channel(), posted.chatId(), posted.messageRef(), now());
        } catch (DuplicateKeyException e) {
            jdbc.update("update chat_posted_approvals set message_ref = ? where run_id = ? and channel = ? and chat_id = ?",
                    posted.messageRef(), posted.runId(), posted.channel(), posted.chatId());
        }
    }

    public List<PostedApproval> postedFor(String runId) {
        return jdbc.query("select run_id, channel, chat_id, message_ref from chat_posted_approvals where run_id = ? "
                + "order by channel, chat_id", (rs, i) -> new PostedApproval(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4)), runId);
    }

    public boolean postedOn(String runId, String channel) {
        Long count = jdbc.queryForObject("select count(*) from chat_posted_approvals where run_id = ? and channel = ?",
                Long.class, runId, channel);
        return count != null && count > 0;
    }

    /**
     * Records a click or update as handled; false when it was handled before (a redelivery, a double
     * delivery to two instances). The primary key decides, so exactly one caller gets true.
     */
    public boolean firstTime(String key) {
        try {
            return jdbc.update("insert into chat_seen_clicks (click_key, seen_at) values (?, ?)", key, now()) == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public int forgetClicksOlderThan(Duration age) {
        return jdbc.update("delete from chat_seen_clicks where seen_at < ?", Timestamp.from(clock.instant().minus(age)));
    }

    public long cursor() {
        Long last = jdbc.queryForObject("select last_event_id from chat_approval_cursor where id = 1", Long.class);
        return last == null ? 0 : last;
    }

    /** Moves the cursor forward only: a slower watcher that lost its leadership cannot move it back. */
    public void advance(long lastEventId) {
        jdbc.update("update chat_approval_cursor set last_event_id = ? where id = 1 and last_event_id < ?", lastEventId, lastEventId);
    }

    /** Run ids and kinds of the history entries after {@code cursor}, oldest first. */
    public List<RunChange> changesAfter(long cursor, int limit) {
        return jdbc.query("select id, run_id, kind from action_run_events where id > ? order by id fetch first ? rows only",
                (rs, i) -> new RunChange(rs.getLong(1), rs.getString(2), rs.getString(3)), cursor, limit);
    }

    /** One entry of a run's history, as the watcher reads it. */
    public record RunChange(long eventId, String runId, String kind) { }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private String newId() {
        char[] id = new char[CALLBACK_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
