package io.aiopshub.chat.approval;

import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatUser;
import io.aiopshub.chat.command.ChatCommandException;
import io.aiopshub.chat.command.ShortIds;
import io.aiopshub.chat.command.Verb;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.run.ActionDecisions;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.ActionRunConflict;
import io.aiopshub.remediation.run.ActionRunNotFound;
import io.aiopshub.remediation.run.ActionRunRefused;
import io.aiopshub.remediation.run.ActionRunStore;
import io.aiopshub.remediation.run.DecisionRequest;
import io.aiopshub.remediation.run.RunDecision;

/**
 * Decisions from chat on the runner's state machine: approvals through route {@code remediation-approve}
 * (policy, two-person rule, compare-and-set, and the launcher woken at once), rejections through
 * {@link ActionDecisions}. The person is the chat identity, which the policy maps; a refusal is noted on the
 * run's history and its incident's timeline by the runner. Chat never moves a run by itself.
 */
@Component("chatApprovals")
public class ChatApprovalService implements ChatApprovals {

    public static final String DUPLICATE = "This click was handled already; nothing changed.";
    private static final int MAX_COMMENT = 1000;

    private final ApprovalStore store;
    private final ActionRunStore runs;
    private final ActionDecisions decisions;
    private final ApprovalMessages messages;
    private final ShortIds ids;
    private final ProducerTemplate producer;

    public ChatApprovalService(ApprovalStore store, ActionRunStore runs, ActionDecisions decisions, ApprovalMessages messages,
                               ShortIds ids, ProducerTemplate producer) {
        this.store = store;
        this.runs = runs;
        this.decisions = decisions;
        this.messages = messages;
        this.ids = ids;
        this.producer = producer;
    }

    @Override
    public ChatAnswer decide(ChatUser user, String runRef, ChatDecision decision, String clickId, String comment) {
        if (clickId != null && !store.firstTime("click:" + user.channel() + ":" + clickId)) {
            return ChatAnswer.reply(DUPLICATE);
        }
        Verb verb = decision == ChatDecision.REJECT ? Verb.REJECT : Verb.APPROVE;
        String runId;
        try {
            runId = resolve(runRef, verb);
        } catch (ChatCommandException e) {
            return ChatAnswer.reply(e.getMessage());
        }
        Optional<ActionRun> found = runs.find(runId);
        if (found.isEmpty()) {
            return ChatAnswer.reply(verb.word() + ": no run " + runRef);
        }
        String note = comment == null || comment.isBlank() ? null : ApprovalMessages.cut(comment.strip(), MAX_COMMENT);
        return switch (decision) {
            case DETAILS -> details(found.get());
            case APPROVE -> approve(user, found.get(), note);
            case REJECT -> reject(user, found.get(), note);
        };
    }

    private String resolve(String runRef, Verb verb) {
        if (runRef == null || runRef.isBlank()) {
            throw new ChatCommandException(verb.word() + ": which run? Give its id");
        }
        return store.runOfCallback(runRef).orElseGet(() -> ids.resolve(ShortIds.Kind.RUN, runRef, verb));
    }

    private ChatAnswer details(ActionRun run) {
        ApprovalMessage message = messages.of(run);
        return ChatAnswer.reply("Dry run of " + run.actionId() + " on " + message.target() + " (run " + shortId(run.id())
                + "), " + message.dryRunExcerpt() + "\nFull run: " + message.dryRunLink());
    }

    private ChatAnswer approve(ChatUser user, ActionRun run, String comment) {
        String person = user.identity();
        if (decided(run.id(), person, RunDecision.APPROVE)) {
            return ChatAnswer.reply("You approved this run already; it is " + state(runs.find(run.id()).orElse(run)) + ".");
        }
        DecisionRequest request = new DecisionRequest(run.id(), person, user.channel(), comment);
        Exchange result = producer.request("direct:remediation-approve", e -> e.getIn().setBody(request));
        if (result.getException() != null) {
            return refusedOrLate(run.id(), person, "approve", result.getException());
        }
        ActionRun now = result.getMessage().getBody(ActionRun.class);
        if (now.state() == ActionRunState.AWAITING_APPROVAL) {
            return ChatAnswer.announcement("Approval by " + person + " recorded; the run needs another approver.");
        }
        return ChatAnswer.announcement("Approved by " + person + "; the run is " + state(now) + ".");
    }

    private ChatAnswer reject(ChatUser user, ActionRun run, String comment) {
        String person = user.identity();
        try {
            ActionRun now = decisions.reject(new DecisionRequest(run.id(), person, user.channel(), comment));
            return ChatAnswer.announcement("Rejected by " + person + "; the run is " + state(now) + ". Nothing ran.");
        } catch (RuntimeException e) {
            return refusedOrLate(run.id(), person, "reject", e);
        }
    }

    /** A refusal (the runner noted it on the timeline), or a decision that came after another one. */
    private ChatAnswer refusedOrLate(String runId, String person, String verb, Throwable thrown) {
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof ActionRunRefused) && !(cause instanceof ActionRunConflict)
                && !(cause instanceof ActionRunNotFound)) {
            cause = cause.getCause();
        }
        if (cause instanceof ActionRunRefused refused) {
            // The runner's reason: not an approver of this risk, the proposer approving their own run, ...
            return ChatAnswer.reply("Sorry, " + refused.getMessage() + ". The attempt is on the incident's timeline.");
        }
        if (cause instanceof ActionRunNotFound) {
            return ChatAnswer.reply(verb + ": no run " + shortId(runId));
        }
        if (cause instanceof ActionRunConflict) {
            return ChatAnswer.reply(alreadyDecided(runs.find(runId).orElseThrow()));
        }
        throw thrown instanceof RuntimeException r ? r : new IllegalStateException(thrown);
    }

    private String alreadyDecided(ActionRun run) {
        List<RunDecision> made = runs.decisions(run.id());
        String state = state(run);
        return switch (run.state()) {
            case REJECTED -> "Already rejected by " + by(made, RunDecision.REJECT) + "; nothing changed.";
            case CANCELLED -> "Already cancelled by " + by(made, RunDecision.CANCEL) + "; nothing changed.";
            case EXPIRED -> "This run expired without a decision; nothing changed. Propose it again if it is still needed.";
            default -> made.stream().anyMatch(d -> RunDecision.APPROVE.equals(d.decision()))
                    ? "Already approved by " + by(made, RunDecision.APPROVE) + "; the run is " + state + ". Nothing changed."
                    : "The run is " + state + "; nothing changed.";
        };
    }

    private static String by(List<RunDecision> made, String decision) {
        List<String> people = made.stream().filter(d -> decision.equals(d.decision())).map(RunDecision::decidedBy).toList();
        return people.isEmpty() ? "the policy" : String.join(" and ", people);
    }

    private boolean decided(String runId, String person, String decision) {
        return runs.decisions(runId).stream().anyMatch(d -> d.decidedBy().equals(person) && d.decision().equals(decision));
    }

    private static String state(ActionRun run) {
        return run.state().id().replace('_', ' ');
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
