package io.aiopshub.remediation.ansible;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.exec.ExecBinding;
import org.apache.camel.component.exec.ExecResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * The steps of {@code routes/remediation-executor-ansible.yaml}: plan the phase, ask the inventory for
 * its hosts, check the limit, build the ansible-playbook command, read its result, clean up. A step that
 * ends the phase early answers an {@link ExecutorResult}; a step that continues answers the
 * {@link AnsibleJob}. Refusals and failures are answers, never exceptions.
 */
@Component("ansibleExecutor")
public class AnsibleExecutor {

    static final String JOB = "aiopsAnsibleJob";
    static final String VARS_DIR = "aiopsAnsibleVarsDir";
    /** How long the ansible-inventory call may run, for its timeout message. */
    static final String LIMIT_HEADER = "aiopsAnsibleLimit";
    private static final Logger LOG = LoggerFactory.getLogger(AnsibleExecutor.class);

    private final AnsibleProperties properties;
    private final AnsibleCommands commands;
    private final AnsibleInvocations invocations;
    private final Clock clock;

    public AnsibleExecutor(AnsibleProperties properties, Clock clock) {
        this.properties = properties;
        this.commands = new AnsibleCommands(properties);
        this.invocations = new AnsibleInvocations(properties.playbookPath());
        this.clock = clock;
    }

    /** Step 1: what the phase needs. Answers now unless Ansible must run. */
    public Object plan(ExecutorRequest request, Exchange exchange) {
        if (!properties.configured()) {
            return ExecutorResult.failure("ansible executor is not configured: set aiops.remediation.ansible.inventory", "");
        }
        if (request.phase() == ExecutorPhase.PREPARE) {
            return ExecutorResult.success("nothing to prepare: the ansible executor takes no snapshot", "");
        }
        if (!Files.exists(properties.inventoryPath())) {
            return ExecutorResult.failure("ansible inventory " + properties.inventoryPath()
                    + " does not exist (aiops.remediation.ansible.inventory)", "");
        }
        AnsibleInvocation invocation;
        try {
            invocation = invocations.of(request);
        } catch (AnsibleRefusal refusal) {
            return ExecutorResult.failure(refusal.getMessage(), "");
        }
        Duration timeout = request.timeout() != null ? request.timeout() : request.action().timeoutOrDefault();
        AnsibleJob job = new AnsibleJob(invocation, timeout, clock.instant().plus(timeout));
        exchange.setProperty(JOB, job);
        return job;
    }

    /** Step 2: the exec headers for {@code ansible-inventory --list}. */
    public void inventoryCommand(Exchange exchange) {
        AnsibleJob job = job(exchange);
        Duration limit = remaining(job);
        if (limit.compareTo(properties.inventoryTimeout()) > 0) {
            limit = properties.inventoryTimeout();
        }
        prepare(exchange.getMessage(), commands.inventory(limit));
    }

    /** Step 3: the limit must be one host of the inventory. */
    public Object checkLimit(Exchange exchange) {
        AnsibleJob job = job(exchange);
        ExecResult result = exchange.getMessage().getBody(ExecResult.class);
        String stderr = text(result.getStderr());
        if (result.getExitValue() != 0) {
            Duration limit = exchange.getMessage().getHeader(LIMIT_HEADER, Duration.class);
            String why = result.getExitValue() == ResultReader.TIMED_OUT
                    ? "did not answer within " + ResultReader.human(limit)
                    : "failed (exit " + result.getExitValue() + "): " + ResultReader.errorLine(stderr);
            // Not the inventory's stdout: it carries host variables, credentials among them.
            return ExecutorResult.failure(job.invocation().title() + ": ansible-inventory " + why, stderr);
        }
        try {
            String problem = HostLimit.problem(job.invocation().limit(), InventoryHosts.parse(text(result.getStdout())));
            if (problem != null) {
                return ExecutorResult.failure(job.invocation().title() + ": " + problem + " " + properties.inventoryPath(), "");
            }
        } catch (AnsibleRefusal refusal) {
            return ExecutorResult.failure(job.invocation().title() + ": " + refusal.getMessage(), stderr);
        }
        return job;
    }

    /** Step 4: the extra vars into a private file for {@code -e @file}, while time is left. */
    public Object writeExtraVars(Exchange exchange) {
        AnsibleJob job = job(exchange);
        if (remaining(job).isZero()) {
            return ExecutorResult.failure(job.invocation().title() + ": the timeout passed before ansible-playbook started", "");
        }
        if (!job.invocation().extraVars().isEmpty()) {
            try {
                exchange.setProperty(VARS_DIR, ExtraVars.write(properties.tempPath(), job.invocation().extraVars()));
            } catch (AnsibleRefusal refusal) {
                return ExecutorResult.failure(job.invocation().title() + ": " + refusal.getMessage(), "");
            }
        }
        return job;
    }

    /** Step 5: the exec headers for {@code ansible-playbook}. */
    public void playbookCommand(Exchange exchange) {
        AnsibleJob job = job(exchange);
        Path dir = exchange.getProperty(VARS_DIR, Path.class);
        prepare(exchange.getMessage(), commands.playbook(job.invocation(),
                dir == null ? null : dir.resolve(ExtraVars.FILE_NAME), remaining(job)));
    }

    /** Step 6: the phase's answer from ansible-playbook's JSON report and exit code. */
    public ExecutorResult readResult(Exchange exchange) {
        AnsibleJob job = job(exchange);
        ExecResult result = exchange.getMessage().getBody(ExecResult.class);
        return ResultReader.read(job.invocation(), job.timeout(), result.getExitValue(), text(result.getStdout()),
                text(result.getStderr()));
    }

    /** When {@code timeout} itself cannot be started (camel-exec throws): an answer, not an exception. */
    public ExecutorResult cannotStart(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String cause = e == null ? "unknown error" : e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        AnsibleJob job = exchange.getProperty(JOB, AnsibleJob.class);
        String title = job == null ? "ansible" : job.invocation().title();
        return ExecutorResult.failure(title + ": cannot start " + properties.timeoutExecutable() + ": " + cause
                + " (aiops.remediation.ansible.timeout-executable)", "");
    }

    /** Always last: the extra-vars file goes, and no exec header or job leaves the route. */
    public void cleanup(Exchange exchange) {
        Path dir = exchange.getProperty(VARS_DIR, Path.class);
        exchange.removeProperty(VARS_DIR);
        exchange.removeProperty(JOB);
        exchange.getMessage().removeHeaders("CamelExec*");
        exchange.getMessage().removeHeader(LIMIT_HEADER);
        try {
            ExtraVars.delete(dir);
        } catch (IOException e) {
            LOG.warn("Could not delete the extra-vars directory {}: {}", dir, e.getMessage());
        }
    }

    private void prepare(Message message, AnsibleCommand command) {
        message.removeHeaders("CamelExec*");
        message.setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, command.executable());
        message.setHeader(ExecBinding.EXEC_COMMAND_ARGS, command.args());
        message.setHeader(ExecBinding.EXEC_COMMAND_TIMEOUT, command.execTimeout().toMillis());
        message.setHeader(ExecBinding.EXEC_COMMAND_WORKING_DIR, properties.playbookPath().toString());
        message.setHeader(LIMIT_HEADER, command.limit());
        // Nothing for Ansible's stdin.
        message.setBody(null);
    }

    private Duration remaining(AnsibleJob job) {
        Duration left = Duration.between(clock.instant(), job.deadline());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static AnsibleJob job(Exchange exchange) {
        return exchange.getProperty(JOB, AnsibleJob.class);
    }

    private static String text(InputStream in) {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
