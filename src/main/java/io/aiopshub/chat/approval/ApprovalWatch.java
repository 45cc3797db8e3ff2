package io.aiopshub.chat.approval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.aiopshub.redact.Redactor;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.ActionRunStore;

/**
 * The steps of route {@code chat-approvals-watch}: reads the runs' history after its cursor (so every change
 * of every runner instance is seen, after restarts too), posts an approval message to every
 * {@link ApprovalChannel} when a run starts awaiting approval, and edits the posted messages when a run
 * changes later. A channel that fails is logged and skipped: it never stops the runner or the other channels.
 */
@Component("chatApprovalWatch")
public class ApprovalWatch {

    /** The exchange property holding the id of the last history entry of this look. */
    public static final String CURSOR = "chatApprovalCursor";
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalWatch.class);
    private static final int BATCH = 200;
    private static final String AWAITING = "action_awaiting_approval";
    /** History entries that change nothing a message shows. */
    private static final Set<String> UNSEEN = Set.of("action_proposed", "action_decision_refused", "action_prepared");
    private static final Duration KEEP_CLICKS = Duration.ofDays(2);

    /** What one look found for one run: post its message, or edit the posted ones. */
    public record RunWork(String runId, boolean post, boolean update) { }

    private final ApprovalStore store;
    private final ActionRunStore runs;
    private final ApprovalMessages messages;
    private final ObjectProvider<ApprovalChannel> channels;
    private final Redactor redactor;

    public ApprovalWatch(ApprovalStore store, ActionRunStore runs, ApprovalMessages messages,
                         ObjectProvider<ApprovalChannel> channels, Redactor redactor) {
        this.store = store;
        this.runs = runs;
        this.messages = messages;
        this.channels = channels;
        this.redactor = redactor;
    }

    /** The runs that changed since the last look, one entry each in order of their first change. */
    public List<RunWork> changes(Exchange exchange) {
        long cursor = store.cursor();
        List<ApprovalStore.RunChange> changes = store.changesAfter(cursor, BATCH);
        Map<String, boolean[]> work = new LinkedHashMap<>();
        long last = cursor;
        for (ApprovalStore.RunChange change : changes) {
            last = Math.max(last, change.eventId());
            boolean[] flags = work.computeIfAbsent(change.runId(), id -> new boolean[2]);
            if (AWAITING.equals(change.kind())) {
                flags[0] = true;
            } else if (!UNSEEN.contains(change.kind())) {
                flags[1] = true;
            }
        }
        exchange.setProperty(CURSOR, last);
        List<RunWork> result = new ArrayList<>();
        work.forEach((runId, flags) -> {
            if (flags[0] || flags[1]) {
                result.add(new RunWork(runId, flags[0], flags[1] && !flags[0]));
            }
        });
        return result;
    }

    /** Posts the run's message on every channel it is not on yet. */
    public void post(RunWork work) {
        Optional<ActionRun> run = runs.find(work.runId());
        if (run.isEmpty()) {
            return;
        }
        ApprovalMessage message = messages.of(run.get());
        channels.orderedStream().forEach(channel -> {
            if (store.postedOn(work.runId(), channel.name())) {
                return;
            }
            try {
                channel.post(message).forEach(store::posted);
            } catch (RuntimeException e) {
                LOG.warn("Posting the approval message of run {} on {} failed: {}", work.runId(), channel.name(),
                        redactor.redact(String.valueOf(e.getMessage())));
            }
        });
    }

    /** Edits every posted message of the run to show its state now. */
    public void update(RunWork work) {
        List<PostedApproval> posted = store.postedFor(work.runId());
        if (posted.isEmpty()) {
            return;
        }
        Optional<ActionRun> run = runs.find(work.runId());
        if (run.isEmpty()) {
            return;
        }
        ApprovalMessage message = messages.of(run.get());
        Map<String, ApprovalChannel> byName = new LinkedHashMap<>();
        channels.orderedStream().forEach(channel -> byName.put(channel.name(), channel));
        for (PostedApproval one : posted) {
            ApprovalChannel channel = byName.get(one.channel());
            if (channel == null) {
                continue;
            }
            try {
                channel.update(one, message);
            } catch (RuntimeException e) {
                LOG.warn("Editing the approval message of run {} on {} failed: {}", work.runId(), one.channel(),
                        redactor.redact(String.valueOf(e.getMessage())));
            }
        }
    }

    public void commit(Exchange exchange) {
        Long last = exchange.getProperty(CURSOR, Long.class);
        if (last != null) {
            store.advance(last);
        }
    }

    public int forgetOldClicks() {
        return store.forgetClicksOlderThan(KEEP_CLICKS);
    }
}
