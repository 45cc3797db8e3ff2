package io.aiopshub.chat.question;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatUser;
import io.aiopshub.chat.command.ChatCommandException;
import io.aiopshub.chat.command.ChatPermissions;
import io.aiopshub.chat.command.ShortIds;
import io.aiopshub.chat.command.Texts;
import io.aiopshub.chat.command.Verb;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.Proposal;
import io.aiopshub.remediation.run.ProposerKind;

/**
 * Turns an action the model suggested into a proposal on the normal path ({@code direct:remediation-propose}:
 * catalog check, policy, dry run, then waiting for approval), proposed by the chat user who asked, who must be
 * allowed to change things from chat ({@code aiops.chat.operators}) just as for {@code run}. Nothing here
 * approves or runs: approval stays with the people the remediation policy names. Returns the sentence the
 * answer carries about it.
 */
@Component
public class QuestionProposals {

    static final String ROUTE = "remediation-propose";
    /** The same person asking again for the same action within this window gets the run of the first answer. */
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

    private final ActionCatalog catalog;
    private final ChatPermissions permissions;
    private final ShortIds ids;
    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final Clock clock;

    public QuestionProposals(ActionCatalog catalog, ChatPermissions permissions, ShortIds ids, ProducerTemplate producer,
                             CamelContext camel, Clock clock) {
        this.clock = clock;
        this.catalog = catalog;
        this.permissions = permissions;
        this.ids = ids;
        this.producer = producer;
        this.camel = camel;
    }

    public String propose(ChatUser user, ProposedAction suggestion, String provider) {
        if (!catalog.contains(suggestion.actionId())) {
            return "The suggested action " + quoted(suggestion.actionId()) + " is not in the catalog; nothing was proposed.";
        }
        String command = "run " + suggestion.actionId() + suggestion.parameters().entrySet().stream()
                .map(p -> " " + p.getKey() + "=" + p.getValue()).collect(Collectors.joining());
        try {
            permissions.requireOperator(user, Verb.RUN);
        } catch (ChatCommandException e) {
            return "Suggested: " + command + ". Nothing was proposed: only chat operators can propose runs; one of them can send it.";
        }
        if (camel.getRoute(ROUTE) == null) {
            return "Suggested: " + command + ". Nothing was proposed: the action runner is not running on this hub.";
        }
        String incidentId;
        try {
            incidentId = suggestion.incidentId() == null ? null
                    : ids.resolve(ShortIds.Kind.INCIDENT, suggestion.incidentId().toLowerCase(Locale.ROOT), Verb.RUN);
        } catch (ChatCommandException e) {
            return "Suggested: " + command + ". Nothing was proposed: " + e.getMessage().replaceFirst("^run: ", "") + ".";
        }
        Proposal proposal = new Proposal(suggestion.actionId(), suggestion.parameters(), incidentId, user.identity(),
                ProposerKind.QUESTION, idempotencyKey(user, suggestion, incidentId),
                Texts.line("suggested by " + provider + " answering a chat question"
                        + (suggestion.reason() == null ? "" : ": " + suggestion.reason()), 500));
        Exchange result = producer.request("direct:" + ROUTE, e -> e.getIn().setBody(proposal));
        if (result.getException() != null) {
            return "Suggested: " + command + ". Nothing was proposed: " + problem(result.getException());
        }
        ActionRun run = result.getMessage().getBody(ActionRun.class);
        String id = Texts.shortId(run.id());
        String what = "Proposed run " + id + " (" + run.actionId() + " on " + run.target() + ", risk "
                + run.risk().name().toLowerCase(Locale.ROOT) + ") for " + user.identity();
        if (run.state() == ActionRunState.AWAITING_APPROVAL) {
            return what + ": it awaits approval by someone the policy allows (approve " + id + " or reject " + id
                    + "); nothing runs before that.";
        }
        return what + ": it is " + run.state().id() + (run.stateReason() == null ? "" : " (" + Texts.line(run.stateReason(), 200) + ")") + ".";
    }

    private static String problem(Exception e) {
        Throwable cause = e instanceof CamelExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof PayloadValidationException invalid) {
            return invalid.getProblems().stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")) + ".";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static String quoted(String text) {
        return "'" + Texts.line(text, 64) + "'";
    }

    /**
     * One key per person, action, parameters, incident and {@link #REPEAT_WINDOW}: a question asked twice (or an
     * answer the model repeats) proposes one run, not two.
     */
    private String idempotencyKey(ChatUser user, ProposedAction suggestion, String incidentId) {
        long window = clock.millis() / REPEAT_WINDOW.toMillis();
        String what = suggestion.actionId() + "|" + incidentId + "|" + new TreeMap<>(suggestion.parameters()) + "|" + window;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8));
            return "chat-question:" + user.identity() + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
