package io.aiopshub.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.annotation.Primary;

import io.aiopshub.chat.approval.ChatApprovals;
import io.aiopshub.chat.approval.ChatDecision;

/**
 * Stands where the approval service plugs in, for the Slack side's tests: keeps every decision it is asked
 * for and answers like the service does. Primary, so a test that imports it gets it even beside the real one.
 * A run reference starting with {@code slow} takes longer than Slack's 3 s to decide.
 */
@Primary
public class RecordingChatApprovals implements ChatApprovals {

    /** One {@link #decide} call as it arrived. */
    public record Decision(ChatUser user, String runRef, ChatDecision decision, String clickId, String comment) { }

    public static final Duration SLOW = Duration.ofSeconds(4);

    private final List<Decision> received = new CopyOnWriteArrayList<>();

    @Override
    public ChatAnswer decide(ChatUser user, String runRef, ChatDecision decision, String clickId, String comment) {
        if (runRef.startsWith("slow")) {
            try {
                Thread.sleep(SLOW.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        received.add(new Decision(user, runRef, decision, clickId, comment));
        return switch (decision) {
            case APPROVE -> ChatAnswer.announcement("Approved by " + user.identity() + " (1 of 2) <!channel>");
            case REJECT -> ChatAnswer.announcement("Rejected by " + user.identity());
            case DETAILS -> ChatAnswer.announcement("Dry run of " + runRef + ":\nTASK [restart] changed: db_password=hunter2hunter2\n"
                    + "z".repeat(20_000));
        };
    }

    public List<Decision> received() {
        return received;
    }
}
