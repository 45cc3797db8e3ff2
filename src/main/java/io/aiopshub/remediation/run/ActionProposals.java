package io.aiopshub.remediation.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.incident.Durations;
import io.aiopshub.incident.IncidentTimeline;
import io.aiopshub.ingest.FieldProblem;
import io.aiopshub.ingest.Fingerprinter;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.RemediationGuard;
import io.aiopshub.remediation.RunFacts;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.ParameterSpec;
import io.aiopshub.remediation.catalog.ParameterType;
import io.aiopshub.remediation.catalog.ParameterViolation;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * The first steps of route {@code remediation-propose}: a proposal becomes a run (checked against the
 * catalog, the incident and the policy; a retry finds the run it made before), gets its dry run, and waits
 * for approval, or is approved at once when the policy lets it run by itself.
 */
@Component("actionProposals")
public class ActionProposals {

    public static final String PROPOSAL_REFUSED = "action_proposal_refused";
    /** Prefix of the idempotency keys of suggestions: an LLM and a rule suggesting the same thing are one run. */
    static final String SUGGESTED = "suggested:";

    private final ActionCatalog catalog;
    private final ActionRunStore store;
    private final RemediationGuard guard;
    private final RunFactsReader facts;
    private final RunTexts texts;
    private final IncidentTimeline timeline;
    private final JdbcTemplate jdbc;
    private final RunnerProperties properties;
    private final InstanceId instance;
    private final Clock clock;

    public ActionProposals(ActionCatalog catalog, ActionRunStore store, RemediationGuard guard, RunFactsReader facts,
                           RunTexts texts, IncidentTimeline timeline, JdbcTemplate jdbc, RunnerProperties properties,
                           InstanceId instance, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.guard = guard;
        this.facts = facts;
        this.texts = texts;
        this.timeline = timeline;
        this.jdbc = jdbc;
        this.properties = properties;
        this.instance = instance;
        this.clock = clock;
    }

    /**
     * Stores the proposal as a run in state {@code proposed}, or finds the run an earlier proposal with the
     * same idempotency key made. Nothing is stored when the action, its parameters or the incident are
     * wrong (400) or the policy refuses (409).
     */
    public ProposalOutcome propose(Proposal proposal) {
        ActionDefinition action = catalog.get(proposal.actionId()).orElseThrow(() -> new PayloadValidationException(
                "actionId", "unknown action '" + proposal.actionId() + "'; the catalog has " + catalog.ids()));
        Map<String, Object> parameters = normalised(action, proposal.parameters());
        List<ParameterViolation> violations = catalog.validateParameters(action.id(), parameters);
        if (!violations.isEmpty()) {
            throw new PayloadValidationException(violations.stream()
                    .map(v -> new FieldProblem("parameters." + v.parameter(), v.message())).toList());
        }
        if (proposal.incidentId() != null && !incidentExists(proposal.incidentId())) {
            throw new PayloadValidationException("incidentId", "no incident with id " + proposal.incidentId());
        }
        Optional<ActionRun> earlier = store.findByIdempotencyKey(proposal.idempotencyKey());
        if (earlier.isPresent()) {
            return new ProposalOutcome(sameProposal(earlier.get(), action, parameters, proposal), false);
        }
        String target = action.targetOf(parameters);
        RunFacts runFacts = facts.facts(null, proposal.incidentId(), action.id(), action.risk(), target,
                proposal.proposedBy(), parameters);
        RemediationGuard.Verdict verdict = guard.mayPropose(action, runFacts);
        if (!verdict.allowed()) {
            if (proposal.incidentId() != null) {
                timeline.recordAll(List.of(new IncidentTimeline.Entry(proposal.incidentId(), PROPOSAL_REFUSED,
                        proposal.proposedBy(), action.id() + " on " + target + " not proposed: " + verdict.reason())));
            }
            throw new ActionRunConflict("actionId", action.id() + " on " + target + " may not be proposed now: "
                    + verdict.reason());
        }
        String detail = "proposed by " + proposal.proposerKind().id() + " " + proposal.proposedBy() + " with "
                + store.canonicalJson(parameters) + (proposal.reason() == null ? "" : ": " + proposal.reason());
        Optional<ActionRun> created = store.insert(new ActionRunStore.NewRun(proposal.incidentId(), action.id(),
                action.executor().id(), action.risk(), target, parameters, proposal.proposedBy(), proposal.proposerKind(),
                proposal.idempotencyKey(), texts.keep(detail)));
        if (created.isPresent()) {
            return new ProposalOutcome(created.get(), true);
        }
        // A concurrent twin of this proposal inserted the key first.
        ActionRun twin = store.findByIdempotencyKey(proposal.idempotencyKey()).orElseThrow();
        return new ProposalOutcome(sameProposal(twin, action, parameters, proposal), false);
    }

    /** The executor's DRY_RUN of the run: what would happen, changing nothing. */
    public ExecutorRequest dryRunRequest(ActionRun run) {
        ActionDefinition action = catalog.get(run.actionId()).orElseThrow();
        return new ExecutorRequest(run.id(), ExecutorPhase.DRY_RUN, action, run.parameters(), Map.of(),
                action.timeoutOrDefault());
    }

    /**
     * Attaches the dry run and moves the run on: to {@code approved} when the policy lets it run by itself
     * (only after a dry run that succeeded), otherwise to {@code awaiting_approval} until it expires. A
     * failed dry run does not block approval; the approver sees it failed.
     */
    public ActionRun dryRunDone(ActionRun run, ExecutorResult result) {
        ActionDefinition action = catalog.get(run.actionId()).orElseThrow();
        Instant expires = clock.instant().plus(approvalExpiry(action));
        String dryRun = (result.succeeded() ? "dry run succeeded: " : "dry run FAILED: ") + texts.summary(result);
        boolean auto = result.succeeded() && run.proposerKind().mayAutoRun() && guard.autoRuns(action, facts.of(run));
        Move move = auto
                ? Move.of(ActionRunState.PROPOSED, ActionRunState.APPROVED).by("policy")
                        .because(dryRun + "; approved by an auto-run rule of the policy")
                : Move.of(ActionRunState.PROPOSED, ActionRunState.AWAITING_APPROVAL).by(instance.id())
                        .because(dryRun + "; waiting for approval until " + expires);
        move.set(RunColumn.DRY_RUN, texts.of(result)).set(RunColumn.DRY_RUN_SUCCEEDED, result.succeeded())
                .set(RunColumn.EXPIRES_AT, expires);
        store.move(run.id(), move);
        return store.find(run.id()).orElseThrow();
    }

    /** How long a proposal of this action waits for approval (and an approved run for its launch). */
    public Duration approvalExpiry(ActionDefinition action) {
        return action.approvalExpiry() == null ? properties.getApprovalExpiry() : Durations.parse(action.approvalExpiry());
    }

    /** The key of an analysis' or rule's suggestion: one run per incident, action and parameters. */
    public String suggestionKey(String incidentId, ActionDefinition action, Map<String, Object> parameters) {
        return SUGGESTED + Fingerprinter.sha256Hex(incidentId + "|" + action.id() + "|"
                + store.canonicalJson(normalised(action, parameters)));
    }

    /**
     * A retry must ask for the same thing; a key reused for something else is refused rather than
     * silently answered with an unrelated run.
     */
    private ActionRun sameProposal(ActionRun earlier, ActionDefinition action, Map<String, Object> parameters, Proposal proposal) {
        boolean same = earlier.actionId().equals(action.id())
                && java.util.Objects.equals(earlier.incidentId(), proposal.incidentId())
                && store.canonicalJson(earlier.parameters()).equals(store.canonicalJson(parameters));
        if (!same) {
            throw new ActionRunConflict("idempotencyKey", "was used for a different proposal (run " + earlier.id() + ")");
        }
        return earlier;
    }

    /**
     * Parameters as stored: null values dropped (an absent optional parameter), whole numbers of integer
     * parameters as longs, so {@code 104} and {@code 104.0} are the same proposal.
     */
    static Map<String, Object> normalised(ActionDefinition action, Map<String, Object> given) {
        Map<String, Object> result = new LinkedHashMap<>();
        withoutNulls(given).forEach((name, value) -> {
            ParameterSpec spec = action.parameters().get(name);
            boolean integer = spec != null && spec.type() == ParameterType.INTEGER;
            result.put(name, integer && value instanceof Number n && whole(n) ? (Object) n.longValue() : value);
        });
        return result;
    }

    private static boolean whole(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return true;
        }
        if (n instanceof java.math.BigInteger b) {
            return b.bitLength() < 64;
        }
        if (n instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
        }
        double d = n.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e15;
    }

    private static Map<String, Object> withoutNulls(Map<String, ?> values) {
        Map<String, Object> result = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                result.put(k, v);
            }
        });
        return result;
    }

    private boolean incidentExists(String id) {
        Long count = jdbc.queryForObject("select count(*) from incidents where id = ?", Long.class, id);
        return count != null && count > 0;
    }
}
