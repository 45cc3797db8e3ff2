package io.aiopshub.remediation.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Executor;
import io.aiopshub.remediation.catalog.Templates;
import io.aiopshub.remediation.executor.ExecutorSpecCheck;

/**
 * The ssh executor's terms in the catalog: {@code run}, {@code verify.check} and {@code rollback} each have a
 * {@code command} (a template whose {@code {param}} placeholders are filled shell-quoted) and a {@code host}
 * (required for {@code run}; check and rollback default to the run's host).
 */
@Component
public class SshSpecCheck implements ExecutorSpecCheck {

    static final String HOST = "host";
    static final String COMMAND = "command";
    private static final Set<String> KEYS = Set.of(HOST, COMMAND);
    /** A literal host name or placeholders: the host goes into the connection, never through a shell. */
    private static final Pattern HOST_TEMPLATE = Pattern.compile("[A-Za-z0-9._{}-]+");
    /**
     * Operators that would end the command {@code timeout N} guards, start a second one or redirect: the
     * whole command must be one simple command (a script on the host when more is needed).
     */
    private static final List<String> SHELL_OPERATORS = List.of(";", "&", "|", "`", "$(", ">", "<", "\n", "\r");

    @Override
    public Executor executor() {
        return Executor.SSH;
    }

    @Override
    public List<String> problems(ActionDefinition action) {
        List<String> problems = new ArrayList<>();
        String where = "action '" + action.id() + "'";
        check(problems, where, "run", action.run(), true, action);
        if (action.verify() != null && action.verify().hasCheck()) {
            check(problems, where, "verify.check", action.verify().check(), false, action);
        }
        if (action.hasRollback()) {
            check(problems, where, "rollback", action.rollback(), false, action);
        }
        return problems;
    }

    private static void check(List<String> problems, String where, String name, Map<String, Object> spec,
                              boolean hostRequired, ActionDefinition action) {
        String at = where + ": " + name;
        for (String key : spec.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(at + ": unknown key '" + key + "' (the ssh executor knows host, command)");
            }
        }
        Object host = spec.get(HOST);
        if (host == null && hostRequired) {
            problems.add(at + ".host is required");
        } else if (host != null) {
            if (!(host instanceof String h) || !HOST_TEMPLATE.matcher(h).matches()) {
                problems.add(at + ".host must be a host name or a {parameter}, got '" + host + "'");
            } else {
                placeholders(problems, at + ".host", h, action);
            }
        }
        Object command = spec.get(COMMAND);
        if (!(command instanceof String c) || c.isBlank()) {
            problems.add(at + ".command is required (a command line template)");
            return;
        }
        placeholders(problems, at + ".command", c, action);
        for (String operator : SHELL_OPERATORS) {
            if (c.contains(operator)) {
                problems.add(at + ".command contains the shell operator '" + operator.replace("\n", "\\n").replace("\r", "\\r")
                        + "': 'timeout N' would not cover all of it; call one command or a script on the host");
            }
        }
        for (String parameter : Templates.names(c)) {
            if (insideQuotes(c, c.indexOf("{" + parameter + "}"))) {
                problems.add(at + ".command has {" + parameter + "} inside quotes: the executor quotes parameter values itself");
            }
        }
    }

    private static void placeholders(List<String> problems, String at, String template, ActionDefinition action) {
        for (String parameter : Templates.names(template)) {
            if (!action.parameters().containsKey(parameter)) {
                problems.add(at + " uses {" + parameter + "}, which is not a parameter of the action");
            }
        }
    }

    /** Whether an odd number of single or double quotes precede the position. */
    private static boolean insideQuotes(String text, int position) {
        int single = 0;
        int dual = 0;
        for (int i = 0; i < position; i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                single++;
            } else if (c == '"') {
                dual++;
            }
        }
        return single % 2 == 1 || dual % 2 == 1;
    }
}
