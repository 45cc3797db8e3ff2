package io.aiopshub.chat.approval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatUser;
import io.aiopshub.chat.command.ChatCommandException;
import io.aiopshub.chat.command.ChatPermissions;
import io.aiopshub.chat.command.RemediationCommands;
import io.aiopshub.chat.command.ShortIds;
import io.aiopshub.chat.command.Verb;
import io.aiopshub.ingest.FieldProblem;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.ParameterSpec;
import io.aiopshub.remediation.catalog.ParameterType;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.ActionRunConflict;
import io.aiopshub.remediation.run.ActionRunRefused;
import io.aiopshub.remediation.run.ActionRunStore;
import io.aiopshub.remediation.run.Proposal;
import io.aiopshub.remediation.run.ProposerKind;

/**
 * {@code actions}, {@code run}, {@code approve} and {@code reject} from chat. {@code run} proposes through
 * route {@code remediation-propose} with the chat identity as proposer (operators only, as every command that
 * changes something); the run still needs its approval. Decisions go through {@link ChatApprovals}.
 */
@Component
public class ChatRemediationCommands implements RemediationCommands {

    private static final int LISTED = 10;

    private final ChatApprovals approvals;
    private final ChatPermissions permissions;
    private final ShortIds ids;
    private final ActionRunStore runs;
    private final ActionCatalog catalog;
    private final ProducerTemplate producer;

    public ChatRemediationCommands(ChatApprovals approvals, ChatPermissions permissions, ShortIds ids, ActionRunStore runs,
                                   ActionCatalog catalog, ProducerTemplate producer) {
        this.approvals = approvals;
        this.permissions = permissions;
        this.ids = ids;
        this.runs = runs;
        this.catalog = catalog;
        this.producer = producer;
    }

    @Override
    public ChatAnswer actions(ChatUser user, String incidentId) {
        String incident = ids.resolve(ShortIds.Kind.INCIDENT, incidentId, Verb.ACTIONS);
        List<ActionRun> found = runs.list(new ActionRunStore.Filter(incident, null), 0, LISTED);
        StringBuilder text = new StringBuilder();
        if (found.isEmpty()) {
            text.append("No action runs for incident ").append(shortId(incident)).append(".\n");
        } else {
            text.append("Action runs for incident ").append(shortId(incident)).append(":\n");
            for (ActionRun run : found) {
                text.append("• ").append(shortId(run.id())).append(' ').append(run.actionId()).append(" on ")
                        .append(run.target()).append(" (").append(run.risk().name().toLowerCase(java.util.Locale.ROOT))
                        .append("): ").append(run.state().id().replace('_', ' ')).append('\n');
            }
        }
        text.append("Catalog actions: ").append(String.join(", ", catalog.ids().stream().sorted().toList()))
                .append(". Propose one with run <action> key=value…; approve <run> or reject <run> [reason] decides.");
        return ChatAnswer.reply(text.toString());
    }

    @Override
    public ChatAnswer run(ChatUser user, String action, Map<String, String> parameters) {
        permissions.requireOperator(user, Verb.RUN);
        ActionDefinition definition = catalog.get(action).orElseThrow(() -> new ChatCommandException(
                "run: unknown action " + action + "; the catalog has " + String.join(", ", catalog.ids().stream().sorted().toList())));
        Proposal proposal = new Proposal(definition.id(), typed(definition, parameters), null, user.identity(), ProposerKind.PERSON,
                "person:" + user.identity() + ":" + UUID.randomUUID(), "proposed from " + user.channel());
        Exchange result = producer.request("direct:remediation-propose", e -> e.getIn().setBody(proposal));
        Throwable failure = result.getException();
        while (failure != null && !(failure instanceof PayloadValidationException) && !(failure instanceof ActionRunConflict)
                && !(failure instanceof ActionRunRefused)) {
            failure = failure.getCause();
        }
        if (failure instanceof PayloadValidationException invalid) {
            return ChatAnswer.reply("run: nothing was proposed: " + String.join("; ", invalid.getProblems().stream()
                    .map(ChatRemediationCommands::problem).toList()));
        }
        if (failure != null) {
            return ChatAnswer.reply("run: nothing was proposed: " + failure.getMessage());
        }
        if (result.getException() != null) {
            throw new IllegalStateException("proposing failed", result.getException());
        }
        ActionRun run = result.getMessage().getBody(ActionRun.class);
        return ChatAnswer.announcement("Proposed run " + shortId(run.id()) + ": " + run.actionId() + " on " + run.target()
                + " by " + user.identity() + "; it is " + run.state().id().replace('_', ' ')
                + ". It runs only after approval (approve " + shortId(run.id()) + ").");
    }

    @Override
    public ChatAnswer approve(ChatUser user, String runId) {
        return approvals.decide(user, runId, ChatDecision.APPROVE, null, null);
    }

    @Override
    public ChatAnswer reject(ChatUser user, String runId, String reason) {
        return approvals.decide(user, runId, ChatDecision.REJECT, null, reason);
    }

    /** Typed words as the catalog's types: {@code vmid=104} is a number, {@code force=true} a boolean. */
    private static Map<String, Object> typed(ActionDefinition action, Map<String, String> words) {
        Map<String, Object> values = new LinkedHashMap<>();
        words.forEach((name, text) -> {
            ParameterSpec spec = action.parameters().get(name);
            values.put(name, spec == null ? text : value(spec.type(), text));
        });
        return values;
    }

    private static Object value(ParameterType type, String text) {
        try {
            return switch (type) {
                case INTEGER -> Long.parseLong(text);
                case NUMBER -> Double.parseDouble(text);
                case BOOLEAN -> "true".equalsIgnoreCase(text) ? Boolean.TRUE : "false".equalsIgnoreCase(text) ? Boolean.FALSE : text;
                case STRING -> text;
            };
        } catch (NumberFormatException e) {
            return text; // the catalog check names the parameter and what it expects
        }
    }

    private static String problem(FieldProblem problem) {
        return problem.field().replaceFirst("^parameters\\.", "") + " " + problem.message();
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
