package io.aiopshub.remediation.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Executor;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * The Java steps of {@code routes/remediation-executor-ssh.yaml}: plan the call, read the host key (dry run and
 * pre-flight), hand camel-ssh the command, and turn what it answers (or throws) into an {@link ExecutorResult}.
 * Every expected failure is an answer, never an exception.
 */
@Component("sshExecutorSteps")
public class SshExecutorSteps {

    /** Exchange properties the steps share. */
    static final String REQUEST = "aiopsSshRequest";
    static final String PHASE = "aiopsSshPhase";
    static final String CALL = "aiopsSshCall";
    static final String HOST_KEY = "aiopsSshHostKey";
    static final String WATCH = "aiopsSshWatch";
    /** When the phase must be over: its timeout plus the grace, from the plan step on (System.nanoTime). */
    static final String DEADLINE = "aiopsSshDeadline";

    private final SshProperties properties;
    private final SshIdentity identity;
    private final SshCallWatch watch;
    private final SshCallPlanner planner;
    private final HostKeyProbe probe = new HostKeyProbe();
    private final SshOutcomes outcomes = new SshOutcomes();

    public SshExecutorSteps(SshProperties properties, SshIdentity identity, SshCallWatch watch) {
        this.properties = properties;
        this.identity = identity;
        this.watch = watch;
        this.planner = new SshCallPlanner(properties);
    }

    /** Body in: the request. Body out: the {@link SshCall} to make, or the answer when there is nothing to call. */
    public void plan(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        ExecutorRequest request = message.getMandatoryBody(ExecutorRequest.class);
        exchange.setProperty(REQUEST, request);
        exchange.setProperty(PHASE, request.phase().name());
        Duration limit = request.timeout() != null ? request.timeout()
                : request.action() != null ? request.action().timeoutOrDefault() : ActionDefinition.DEFAULT_TIMEOUT;
        exchange.setProperty(DEADLINE, System.nanoTime() + limit.plus(properties.getDeadlineGrace()).toNanos());
        message.setBody(planOrAnswer(request));
    }

    private Object planOrAnswer(ExecutorRequest request) {
        List<String> missing = properties.missing();
        if (!missing.isEmpty()) {
            return ExecutorResult.failure("ssh executor is not configured: set " + String.join(" and ", missing), "");
        }
        if (request.action() == null || request.action().executor() != Executor.SSH) {
            return ExecutorResult.failure("action " + (request.action() == null ? "(none)" : "'" + request.action().id() + "'")
                    + " is not an ssh action", "");
        }
        if (request.phase() == ExecutorPhase.PREPARE) {
            return ExecutorResult.success("nothing to prepare for an ssh action", "");
        }
        try {
            // the dry run shows the command as EXECUTE will send it, with the action's timeout
            Duration commandTimeout = request.phase() == ExecutorPhase.DRY_RUN ? request.action().timeoutOrDefault() : request.timeout();
            SshCall call = planner.plan(request.phase(), request.action(), request.parameters(), commandTimeout);
            String keyProblem = identity.problem();
            return keyProblem == null ? call : ExecutorResult.failure(keyProblem, "");
        } catch (SshCallPlanner.PlanningException e) {
            return ExecutorResult.failure(e.getMessage(), "");
        }
    }

    /** DRY_RUN: the exact command, where it would run and the host key the host presents; runs nothing. */
    public ExecutorResult dryRun(Exchange exchange) {
        ExecutorRequest request = exchange.getProperty(REQUEST, ExecutorRequest.class);
        SshCall call = exchange.getMessage().getBody(SshCall.class);
        HostKeyProbe.Result seen = probe.probe(call.user(), call.host(), call.port(), probeTimeout(exchange));
        HostKeyVerdict verdict = seen.reached() ? verdict(call, seen.presented()) : null;
        StringBuilder output = new StringBuilder("dry run: nothing was run\n")
                .append(call.purpose()).append(" on ").append(call.destination()).append(":\n  ").append(call.command()).append('\n')
                .append(verdict == null ? seen.problem() : verdict.sentence()).append('\n');
        output.append(declared(request, ExecutorPhase.CHECK)).append('\n').append(declared(request, ExecutorPhase.ROLLBACK)).append('\n');
        String would = "would run `" + call.command() + "` as " + call.destination();
        if (verdict == null) {
            return ExecutorResult.failure(would + ", but " + seen.problem(), output.toString());
        }
        Map<String, String> state = Map.of(call.hostKeyStateKey(), verdict.presentedFingerprint());
        if (!verdict.matches()) {
            return new ExecutorResult(false, would + ", but the " + verdict.sentence(), output.toString(), state);
        }
        return new ExecutorResult(true, would + "; " + verdict.sentence(), output.toString(), state);
    }

    /**
     * EXECUTE, CHECK, ROLLBACK, before camel-ssh connects: the host must present the key known_hosts has (and the
     * one the dry run saw, when the run's state has it). camel-ssh checks again, but only says "failed".
     */
    public void preflight(Exchange exchange) {
        ExecutorRequest request = exchange.getProperty(REQUEST, ExecutorRequest.class);
        SshCall call = exchange.getMessage().getBody(SshCall.class);
        HostKeyProbe.Result seen = probe.probe(call.user(), call.host(), call.port(), probeTimeout(exchange));
        String refused = call.purpose() + " `" + call.command() + "` on " + call.destination() + " was not run: ";
        if (!seen.reached()) {
            exchange.getMessage().setBody(ExecutorResult.failure(refused + seen.problem(), ""));
            return;
        }
        HostKeyVerdict verdict = verdict(call, seen.presented());
        if (!verdict.matches()) {
            exchange.getMessage().setBody(ExecutorResult.failure(refused + "the " + verdict.sentence(), verdict.sentence()));
            return;
        }
        String pinned = request.state().get(call.hostKeyStateKey());
        if (pinned != null && !pinned.equals(verdict.presentedFingerprint())) {
            String changed = "the host key of " + call.host() + ":" + call.port() + " changed since the dry run: it was "
                    + pinned + ", now the host presents " + verdict.presentedType() + " " + verdict.presentedFingerprint();
            exchange.getMessage().setBody(ExecutorResult.failure(refused + changed, changed));
            return;
        }
        exchange.setProperty(HOST_KEY, verdict);
    }

    /** Arms our deadline and sets what the camel-ssh endpoint of the route reads; the body becomes the command. */
    public void arm(Exchange exchange) {
        Message message = exchange.getMessage();
        SshCall call = message.getBody(SshCall.class);
        exchange.setProperty(CALL, call);
        exchange.setProperty(WATCH, watch.arm(remaining(exchange)));
        message.removeHeaders("CamelSsh*");
        message.setHeader("aiopsSshHost", call.host());
        message.setHeader("aiopsSshPort", call.port());
        message.setHeader("aiopsSshUser", call.user());
        message.setHeader("aiopsSshKnownHosts", "file:" + Path.of(properties.getKnownHostsFile()).toAbsolutePath());
        message.setHeader("aiopsSshConnectTimeout", Math.max(1, properties.getConnectTimeout().toMillis()));
        message.setHeader("aiopsSshSignatures", SshAlgorithms.SIGNATURES);
        message.setBody(call.command());
    }

    /** After camel-ssh answered: exit value, stdout (the body) and stderr into the answer. */
    public ExecutorResult read(Exchange exchange) {
        Message message = exchange.getMessage();
        Integer exit = message.getHeader("CamelSshExitValue", Integer.class);
        String stdout = message.getBody(String.class);
        String stderr = message.getHeader("CamelSshStderr", String.class);
        return outcomes.answered(call(exchange), hostKey(exchange), expired(exchange), exit, stdout, stderr);
    }

    /** camel-ssh threw: the connection, the login or the channel failed, or our deadline closed the session. */
    public ExecutorResult failed(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (call(exchange) == null) {
            return ExecutorResult.failure("the ssh executor failed before calling the host: " + HostKeyProbe.reason(error), "");
        }
        return outcomes.thrown(call(exchange), hostKey(exchange), expired(exchange), error);
    }

    /** Ends our deadline of this call, whatever happened. */
    public void disarm() {
        watch.disarm();
    }

    /** What is left until the phase's deadline: the probe, the login and the command together end by then. */
    private static Duration remaining(Exchange exchange) {
        Duration left = Duration.ofNanos(exchange.getProperty(DEADLINE, Long.class) - System.nanoTime());
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }

    private Duration probeTimeout(Exchange exchange) {
        Duration left = remaining(exchange);
        return left.compareTo(properties.getConnectTimeout()) < 0 ? left : properties.getConnectTimeout();
    }

    private HostKeyVerdict verdict(SshCall call, HostKeyProbe.Presented presented) {
        return new KnownHosts(Path.of(properties.getKnownHostsFile()))
                .check(call.host(), call.port(), presented.remote(), presented.key());
    }

    private String declared(ExecutorRequest request, ExecutorPhase phase) {
        String name = phase == ExecutorPhase.CHECK ? "verify check" : "rollback";
        try {
            return name + " on " + planner.describe(phase, request.action(), request.parameters());
        } catch (SshCallPlanner.PlanningException e) {
            return name + ": " + e.getMessage();
        }
    }

    private static SshCall call(Exchange exchange) {
        return exchange.getProperty(CALL, SshCall.class);
    }

    private static HostKeyVerdict hostKey(Exchange exchange) {
        return exchange.getProperty(HOST_KEY, HostKeyVerdict.class);
    }

    private static boolean expired(Exchange exchange) {
        SshCallWatch.Watch armed = exchange.getProperty(WATCH, SshCallWatch.Watch.class);
        return armed != null && armed.expired();
    }
}
