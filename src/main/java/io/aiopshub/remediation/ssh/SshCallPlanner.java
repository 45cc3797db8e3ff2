package io.aiopshub.remediation.ssh;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Templates;
import io.aiopshub.remediation.executor.ExecutorPhase;

/**
 * Builds the remote command of a phase from the catalog templates: the host filled as it is (it must then be a
 * host name), every parameter value in the command single-quoted, the whole wrapped in {@code timeout N}
 * because camel-ssh has no command timeout of its own.
 */
final class SshCallPlanner {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private final SshProperties properties;

    SshCallPlanner(SshProperties properties) {
        this.properties = properties;
    }

    /** The call of {@code phase} (DRY_RUN and EXECUTE: the run; CHECK: verify.check; ROLLBACK: rollback). */
    SshCall plan(ExecutorPhase phase, ActionDefinition action, Map<String, Object> parameters, Duration timeout) {
        String host = host(phase, action, parameters);
        String command = command(phase, action, parameters);
        long seconds = timeoutSeconds(timeout == null ? action.timeoutOrDefault() : timeout);
        return new SshCall(purpose(phase), properties.getUsername(), host, properties.portOf(host),
                "timeout " + seconds + " " + command, seconds);
    }

    /** {@code user@host:port: command} of a phase without the timeout (which the runner sets later), for the dry run. */
    String describe(ExecutorPhase phase, ActionDefinition action, Map<String, Object> parameters) {
        String host = host(phase, action, parameters);
        return properties.getUsername() + "@" + host + ":" + properties.portOf(host) + ": " + command(phase, action, parameters);
    }

    static long timeoutSeconds(Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String purpose(ExecutorPhase phase) {
        return switch (phase) {
            case CHECK -> "verify check";
            case ROLLBACK -> "rollback";
            default -> "run";
        };
    }

    private static Map<String, Object> spec(ExecutorPhase phase, ActionDefinition action) {
        return switch (phase) {
            case CHECK -> {
                if (action.verify() == null || !action.verify().hasCheck()) {
                    throw new PlanningException("this action declares no check");
                }
                yield action.verify().check();
            }
            case ROLLBACK -> {
                if (!action.hasRollback()) {
                    throw new PlanningException("this action declares no rollback");
                }
                yield action.rollback();
            }
            default -> action.run();
        };
    }

    private static String host(ExecutorPhase phase, ActionDefinition action, Map<String, Object> parameters) {
        Object template = spec(phase, action).get(SshSpecCheck.HOST);
        if (template == null) {
            template = action.run().get(SshSpecCheck.HOST);
        }
        String host = fill(String.valueOf(template), parameters, "host");
        if (!HOST_NAME.matcher(host).matches()) {
            throw new PlanningException("host '" + host + "' is not a host name or IPv4 address");
        }
        return host;
    }

    private static String command(ExecutorPhase phase, ActionDefinition action, Map<String, Object> parameters) {
        Map<String, Object> quoted = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value != null) {
                quoted.put(name, ShellQuote.quote(String.valueOf(value)));
            }
        });
        return fill(String.valueOf(spec(phase, action).get(SshSpecCheck.COMMAND)), quoted, "command");
    }

    private static String fill(String template, Map<String, Object> values, String what) {
        try {
            return Templates.fill(template, values);
        } catch (IllegalArgumentException e) {
            throw new PlanningException("cannot build the " + what + ": " + e.getMessage());
        }
    }

    /** The phase cannot be carried out as asked; the message is the summary. */
    static final class PlanningException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PlanningException(String message) {
            super(message);
        }
    }
}
